package org.convene.notifications.config;

import java.time.Clock;
import java.time.Duration;
import org.convene.notifications.delivery.sending.DeliverySender;
import org.convene.support.PeriodicTask;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class NotificationsConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Sends what is due, a round at a time; several instances share the work through leases. */
    @Bean
    PeriodicTask deliverySending(
            DeliverySender sender, @Value("${convene.notifications.send-every:250ms}") Duration every) {
        return new PeriodicTask("Email sending", every, every, sender::sendDue);
    }
}
