package org.convene.gateway.edge;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.AsyncAppenderBase;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * The access log (one line per request, {@code org.convene.gateway.access}) is written by a
 * background thread: the request's thread only puts the event on a queue. Each of the root logger's
 * appenders (the console's JSON lines, a file where one is configured) gets an asynchronous twin for
 * this logger alone, which then no longer passes its lines to the root. An event keeps the MDC of the
 * moment it was logged (the request id, the trace id), captured on the request's thread.
 *
 * <p>The queue holds {@value #QUEUE_SIZE} lines; when it is full, lines are dropped rather than make a
 * request wait (a burst that outruns the console loses access lines, never requests). Warnings and
 * errors of every other logger stay synchronous. On shutdown the queue is drained for up to a second.
 */
@Component
class AsyncAccessLog implements InitializingBean, DisposableBean {

    static final String ACCESS_LOGGER = "org.convene.gateway.access";
    static final int QUEUE_SIZE = 8192;

    private final List<AsyncAppenderBase<ILoggingEvent>> installed = new ArrayList<>();

    @Override
    public void afterPropertiesSet() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        var root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        var targets = new ArrayList<Appender<ILoggingEvent>>();
        root.iteratorForAppenders().forEachRemaining(targets::add);
        if (targets.isEmpty()) {
            return;
        }
        var access = context.getLogger(ACCESS_LOGGER);
        targets.forEach(target -> installed.add(install(access, target)));
        access.setAdditive(false);
    }

    /** Gives the logger an asynchronous appender that passes its events on to {@code target}. */
    static AsyncAppenderBase<ILoggingEvent> install(Logger logger, Appender<ILoggingEvent> target) {
        var async = new ch.qos.logback.classic.AsyncAppender();
        async.setContext(logger.getLoggerContext());
        async.setName("ASYNC-ACCESS-" + target.getName());
        async.setQueueSize(QUEUE_SIZE);
        // Every line counts until the queue is full (by default INFO lines are dropped at 80%)...
        async.setDiscardingThreshold(0);
        // ...and a full queue drops a line instead of blocking an event-loop thread.
        async.setNeverBlock(true);
        async.setIncludeCallerData(false);
        async.setMaxFlushTime(1000);
        async.addAppender(target);
        async.start();
        logger.addAppender(async);
        return async;
    }

    @Override
    public void destroy() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        var access = context.getLogger(ACCESS_LOGGER);
        installed.forEach(async -> {
            access.detachAppender(async);
            async.stop();
        });
        installed.clear();
        access.setAdditive(true);
    }
}
