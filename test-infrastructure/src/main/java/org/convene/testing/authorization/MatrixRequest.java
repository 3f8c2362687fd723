package org.convene.testing.authorization;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpMethod;

/** The concrete request a matrix sends for one endpoint: a real path, and a valid body where one is needed. */
public record MatrixRequest(HttpMethod method, String uri, Object body, Map<String, String> headers) {

    public static MatrixRequest get(String uri) {
        return new MatrixRequest(HttpMethod.GET, uri, null, Map.of());
    }

    public static MatrixRequest post(String uri, Object body) {
        return new MatrixRequest(HttpMethod.POST, uri, body, Map.of());
    }

    public static MatrixRequest put(String uri, Object body) {
        return new MatrixRequest(HttpMethod.PUT, uri, body, Map.of());
    }

    /** A form post, as an HTML page's form sends it. */
    public static MatrixRequest form(String uri, org.springframework.util.MultiValueMap<String, String> fields) {
        return new MatrixRequest(HttpMethod.POST, uri, fields, Map.of());
    }

    public static MatrixRequest delete(String uri) {
        return new MatrixRequest(HttpMethod.DELETE, uri, null, Map.of());
    }

    public MatrixRequest header(String name, String value) {
        var all = new LinkedHashMap<>(headers);
        all.put(name, value);
        return new MatrixRequest(method, uri, body, all);
    }
}
