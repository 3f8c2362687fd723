package org.convene.web.config;

import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.SimpleLocaleContext;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.i18n.LocaleContextResolver;

/**
 * The pages' language for each request (see {@link Languages}). The switch changes it by setting the
 * cookie and redirecting, so this resolver never writes: {@link #setLocaleContext} is refused.
 */
@Configuration(proxyBeanMethods = false)
class LocaleConfiguration {

    /** By this name WebFlux uses it instead of its Accept-Language-only default. */
    @Bean(name = "localeContextResolver")
    LocaleContextResolver localeContextResolver() {
        return new LocaleContextResolver() {
            @Override
            public LocaleContext resolveLocaleContext(ServerWebExchange exchange) {
                Locale locale = Languages.of(exchange.getRequest());
                return new SimpleLocaleContext(locale);
            }

            @Override
            public void setLocaleContext(ServerWebExchange exchange, @Nullable LocaleContext localeContext) {
                throw new UnsupportedOperationException("The language is changed through /preferences/language");
            }
        };
    }
}
