package org.convene.web.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Double-submit CSRF for the pages' forms. The gateway sends the token from its {@code XSRF-TOKEN}
 * cookie in {@value #HEADER} (and drops any such header a client sent); each form carries the same
 * token in the field {@code _csrf}. A page on another site can neither read the cookie nor our pages,
 * so it cannot make the two agree. The gateway leaves page forms to this check because reading a
 * form body there would consume it before it is proxied.
 *
 * <p>A page's script that posts JSON (the check-in page's scanner) sends the token it read from the
 * page in the header {@value #SCRIPT_HEADER} instead of a form field; another site cannot set that
 * header on a request to us without a CORS preflight the gateway refuses. Its refusal is problem
 * details, since a script, not a person, reads it.
 */
@Component
public class PageCsrfFilter implements WebFilter, Ordered {

    public static final String HEADER = "X-Convene-Csrf";
    public static final String FIELD = "_csrf";
    public static final String SCRIPT_HEADER = "X-XSRF-TOKEN";

    @Override
    public int getOrder() {
        // Before security, so a forged request is refused before anything else looks at it.
        return -200;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        var request = exchange.getRequest();
        if (request.getMethod() != HttpMethod.POST) {
            return chain.filter(exchange);
        }
        var expected = request.getHeaders().getFirst(HEADER);
        var fromScript = request.getHeaders().getFirst(SCRIPT_HEADER);
        if (fromScript != null) {
            return expected != null && !expected.isBlank() && same(expected, fromScript)
                    ? chain.filter(exchange)
                    : refuseScript(exchange);
        }
        if (expected == null || expected.isBlank()) {
            return refuse(exchange);
        }
        return exchange.getFormData()
                .mapNotNull(form -> form.getFirst(FIELD))
                .defaultIfEmpty("")
                .flatMap(sent -> same(expected, sent) ? chain.filter(exchange) : refuse(exchange));
    }

    private static boolean same(String expected, String sent) {
        return sent != null
                && MessageDigest.isEqual(
                        expected.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8));
    }

    private static Mono<Void> refuseScript(ServerWebExchange exchange) {
        var response = exchange.getResponse();
        response.setStatusCode(HttpStatus.FORBIDDEN);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        var problem = """
                {"type":"https://convene.dev/problems/page-out-of-date","title":"This page is out of date",\
                "status":403,"detail":"Nothing was sent or changed. Reload the page and try again."}""";
        return response.writeWith(Mono.just(response.bufferFactory().wrap(problem.getBytes(StandardCharsets.UTF_8))));
    }

    private static Mono<Void> refuse(ServerWebExchange exchange) {
        var response = exchange.getResponse();
        response.setStatusCode(HttpStatus.FORBIDDEN);
        response.getHeaders().setContentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8));
        var page = """
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Please try again – Convene</title>
                <meta name="viewport" content="width=device-width, initial-scale=1"><link rel="stylesheet" href="/assets/convene.css"></head>
                <body><main id="main"><h1>Please try again</h1><p>This form was out of date, so nothing was sent or changed.
                Go back, reload the page and send the form again.</p><p><a href="/">Find a workshop</a></p></main></body></html>""";
        return response.writeWith(Mono.just(response.bufferFactory().wrap(page.getBytes(StandardCharsets.UTF_8))));
    }
}
