package org.convene.support;

import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.kafka.core.KafkaAdmin;

/** What every Convene service gets by depending on this module. */
@AutoConfiguration(
        afterName = {
            "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
            "org.springframework.boot.data.mongodb.autoconfigure.DataMongoReactiveAutoConfiguration",
            "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration"
        })
public class ServiceSupportAutoConfiguration {

    /**
     * A JSON body that names a field twice is refused, not read as "the last one wins": two parsers
     * that disagree on which value counts are a way past validation.
     */
    @Bean
    org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer rejectDuplicateJsonFields() {
        return builder -> builder.enable(tools.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    }

    /**
     * A number or a boolean where text is expected is the wrong type, refused like any other, not turned into
     * {@code "12345"} or {@code "true"} and stored as a name or a subject; nor is 1.5 read as the whole number 1, or
     * 12345 as a time.
     * (Text is still read as a number or a boolean where one is expected.)
     */
    @Bean
    org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer noScalarsAsText() {
        return builder -> builder.withCoercionConfig(
                        tools.jackson.databind.type.LogicalType.Textual,
                        text -> text.setCoercion(
                                        tools.jackson.databind.cfg.CoercionInputShape.Integer,
                                        tools.jackson.databind.cfg.CoercionAction.Fail)
                                .setCoercion(
                                        tools.jackson.databind.cfg.CoercionInputShape.Float,
                                        tools.jackson.databind.cfg.CoercionAction.Fail)
                                .setCoercion(
                                        tools.jackson.databind.cfg.CoercionInputShape.Boolean,
                                        tools.jackson.databind.cfg.CoercionAction.Fail))
                // Nor is a number a time (a time is ISO 8601 text): 12345 is not read as seconds since 1970.
                .addModule(org.convene.support.web.TimesAreText.module())
                // Nor is 1.5 a whole number: it is refused, not cut to 1.
                .disable(tools.jackson.databind.DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    }

    /**
     * A request whose address Spring Security's firewall refuses (an encoded slash or dot, a dot segment, NUL, a
     * backslash) is answered with a problem detail like every other refusal, not an empty 400.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler")
    @org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication(
            type = org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type.REACTIVE)
    static class RefusedAddresses {

        /** Unless the application has its own (the gateway writes its problems with the request id). */
        @Bean
        @ConditionalOnMissingBean
        org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler refusedAddresses() {
            return (exchange, rejected) -> {
                var response = exchange.getResponse();
                response.setStatusCode(org.springframework.http.HttpStatus.BAD_REQUEST);
                response.getHeaders().setContentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON);
                var body = "{\"type\":\"" + org.convene.support.web.ProblemDetailsSupport.TYPES + "invalid-request\","
                        + "\"title\":\"The request has mistakes\",\"status\":400,"
                        + "\"detail\":\"The address of this request holds characters Convene does not accept.\"}";
                var bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                response.getHeaders().setContentLength(bytes.length);
                return response.writeWith(reactor.core.publisher.Mono.fromSupplier(
                        () -> response.bufferFactory().wrap(bytes)));
            };
        }
    }

    /** Request bodies in UTF-8 only, checked before they are parsed ({@link org.convene.support.web.Utf8JsonDecoder}). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.http.codec.CodecCustomizer")
    @org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication(
            type = org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type.REACTIVE)
    static class Utf8Bodies {

        /** After Boot's own Jackson codec customizer, so this decoder is the one used. */
        @Bean
        @org.springframework.core.annotation.Order(org.springframework.core.Ordered.LOWEST_PRECEDENCE)
        org.springframework.boot.http.codec.CodecCustomizer utf8JsonBodies(
                tools.jackson.databind.json.JsonMapper mapper) {
            return codecs ->
                    codecs.defaultCodecs().jacksonJsonDecoder(new org.convene.support.web.Utf8JsonDecoder(mapper));
        }
    }

    /** The gateway's request id in the service's own log lines (see {@link org.convene.support.web.RequestIds}). */
    @Bean
    @org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication(
            type = org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type.REACTIVE)
    org.convene.support.web.RequestIds requestIds() {
        return new org.convene.support.web.RequestIds();
    }

    @Bean
    @ConditionalOnProperty("convene.parent-pid")
    ApplicationRunner parentProcessWatchdog(Environment environment) {
        return args -> ParentProcessWatchdog.watch(environment.getRequiredProperty("convene.parent-pid", Long.class));
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(ReactiveMongoTemplate.class)
    static class MongoHealth {

        @Bean
        @ConditionalOnBean(ReactiveMongoTemplate.class)
        @ConditionalOnMissingBean(name = "mongoHealthIndicator")
        MongoPingHealthIndicator mongoHealthIndicator(ReactiveMongoTemplate mongo) {
            return new MongoPingHealthIndicator(mongo);
        }
    }

    /** The same check for a service on the synchronous driver (identity-service). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "com.mongodb.client.MongoClient")
    static class BlockingMongoHealth {

        @Bean
        @ConditionalOnBean(org.springframework.data.mongodb.core.MongoTemplate.class)
        @ConditionalOnMissingBean(name = "mongoHealthIndicator")
        BlockingMongoPingHealthIndicator mongoHealthIndicator(
                org.springframework.data.mongodb.core.MongoTemplate mongo) {
            return new BlockingMongoPingHealthIndicator(mongo);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(KafkaAdmin.class)
    static class KafkaHealth {

        @Bean
        @ConditionalOnBean(KafkaAdmin.class)
        @ConditionalOnMissingBean(name = "kafkaHealthIndicator")
        KafkaClusterHealthIndicator kafkaHealthIndicator(KafkaAdmin kafkaAdmin) {
            Map<String, Object> config = kafkaAdmin.getConfigurationProperties();
            return new KafkaClusterHealthIndicator(Admin.create(config));
        }
    }
}
