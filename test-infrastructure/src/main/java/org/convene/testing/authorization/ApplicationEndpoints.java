package org.convene.testing.authorization;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpMethod;
import org.springframework.util.ClassUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import reactor.core.publisher.Mono;

/**
 * Every endpoint the running application maps: annotated controllers (WebFlux or Spring MVC) and
 * WebFlux router functions. Framework endpoints (actuator, Boot's error page) are left out; the
 * operational-endpoints contract covers those. A mapping without methods is listed as {@code ANY}.
 */
public final class ApplicationEndpoints {

    private static final String WEBFLUX_MAPPING =
            "org.springframework.web.reactive.result.method.RequestMappingInfoHandlerMapping";
    private static final String MVC_MAPPING =
            "org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping";
    private static final String WEBFLUX_ROUTER_MAPPING =
            "org.springframework.web.reactive.function.server.support.RouterFunctionMapping";

    private ApplicationEndpoints() {}

    public static Set<Endpoint> of(ApplicationContext context) {
        var endpoints = new TreeSet<Endpoint>();
        var loader = ApplicationEndpoints.class.getClassLoader();
        if (ClassUtils.isPresent(WEBFLUX_MAPPING, loader)) {
            WebFlux.annotated(context, endpoints);
        }
        if (ClassUtils.isPresent(MVC_MAPPING, loader)) {
            Mvc.annotated(context, endpoints);
        }
        if (ClassUtils.isPresent(WEBFLUX_ROUTER_MAPPING, loader)) {
            WebFlux.routerFunctions(context, endpoints);
        }
        return endpoints;
    }

    private static boolean frameworkOwned(HandlerMethod handler) {
        return handler.getBeanType().getName().startsWith("org.springframework.");
    }

    private static List<String> methods(Set<? extends Enum<?>> methods) {
        return methods.isEmpty()
                ? List.of("ANY")
                : methods.stream().map(Enum::name).toList();
    }

    private static final class WebFlux {

        static void annotated(ApplicationContext context, Set<Endpoint> endpoints) {
            context.getBeansOfType(
                            org.springframework.web.reactive.result.method.RequestMappingInfoHandlerMapping.class)
                    .values()
                    .forEach(mapping -> mapping.getHandlerMethods().forEach((info, handler) -> {
                        if (frameworkOwned(handler)) {
                            return;
                        }
                        for (var pattern : info.getPatternsCondition().getPatterns()) {
                            for (var method : methods(info.getMethodsCondition().getMethods())) {
                                endpoints.add(new Endpoint(method, pattern.getPatternString()));
                            }
                        }
                    }));
        }

        static void routerFunctions(ApplicationContext context, Set<Endpoint> endpoints) {
            context.getBeansOfType(org.springframework.web.reactive.function.server.support.RouterFunctionMapping.class)
                    .values()
                    .forEach(mapping -> {
                        var routes = mapping.getRouterFunction();
                        if (routes != null) {
                            routes.accept(new RouteCollector(endpoints));
                        }
                    });
        }
    }

    private static final class Mvc {

        static void annotated(ApplicationContext context, Set<Endpoint> endpoints) {
            context.getBeansOfType(org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping.class)
                    .values()
                    .forEach(mapping -> mapping.getHandlerMethods().forEach((info, handler) -> {
                        if (frameworkOwned(handler)) {
                            return;
                        }
                        for (var pattern : info.getPatternValues()) {
                            for (var method : methods(info.getMethodsCondition().getMethods())) {
                                endpoints.add(new Endpoint(method, pattern));
                            }
                        }
                    }));
        }
    }

    /** Walks router functions: nested path prefixes, then each route's methods and paths. */
    private static final class RouteCollector implements RouterFunctions.Visitor {

        private final Set<Endpoint> endpoints;
        private final Deque<String> prefixes = new ArrayDeque<>();

        RouteCollector(Set<Endpoint> endpoints) {
            this.endpoints = endpoints;
        }

        @Override
        public void startNested(RequestPredicate predicate) {
            var parts = PredicateParts.of(predicate);
            prefixes.push(currentPrefix() + (parts.paths.isEmpty() ? "" : parts.paths.getFirst()));
        }

        @Override
        public void endNested(RequestPredicate predicate) {
            prefixes.pop();
        }

        @Override
        public void route(RequestPredicate predicate, HandlerFunction<?> handlerFunction) {
            var parts = PredicateParts.of(predicate);
            var paths = parts.paths.isEmpty() ? List.of("") : parts.paths;
            var methods = parts.methods.isEmpty() ? List.of("ANY") : parts.methods;
            for (var path : paths) {
                for (var method : methods) {
                    var pattern = parts.unknown ? "<unrecognised predicate " + predicate + ">" : currentPrefix() + path;
                    endpoints.add(new Endpoint(method, pattern));
                }
            }
        }

        @Override
        public void resources(Function<ServerRequest, Mono<Resource>> lookupFunction) {
            endpoints.add(new Endpoint("GET", "<static resources " + lookupFunction + ">"));
        }

        @Override
        public void attributes(Map<String, Object> attributes) {}

        @Override
        public void unknown(RouterFunction<?> routerFunction) {
            endpoints.add(new Endpoint("ANY", "<unrecognised router function " + routerFunction + ">"));
        }

        private String currentPrefix() {
            return prefixes.isEmpty() ? "" : prefixes.peek();
        }
    }

    private static final class PredicateParts implements RequestPredicates.Visitor {

        final List<String> methods = new ArrayList<>();
        final List<String> paths = new ArrayList<>();
        boolean unknown;

        static PredicateParts of(RequestPredicate predicate) {
            var parts = new PredicateParts();
            predicate.accept(parts);
            return parts;
        }

        @Override
        public void method(Set<HttpMethod> methods) {
            methods.forEach(method -> this.methods.add(method.name()));
        }

        @Override
        public void path(String pattern) {
            paths.add(pattern);
        }

        @Override
        public void pathExtension(String extension) {}

        @Override
        public void header(String name, String value) {}

        @Override
        public void queryParam(String name, String value) {}

        @Override
        public void version(String version) {}

        @Override
        public void startAnd() {}

        @Override
        public void and() {}

        @Override
        public void endAnd() {}

        @Override
        public void startOr() {}

        @Override
        public void or() {}

        @Override
        public void endOr() {}

        @Override
        public void startNegate() {}

        @Override
        public void endNegate() {}

        @Override
        public void unknown(RequestPredicate predicate) {
            unknown = true;
        }
    }
}
