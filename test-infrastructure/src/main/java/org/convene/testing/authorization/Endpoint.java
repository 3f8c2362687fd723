package org.convene.testing.authorization;

/** One route of an application: an HTTP method and the path pattern as mapped ({@code /api/events/{id}}). */
public record Endpoint(String method, String pattern) implements Comparable<Endpoint> {

    @Override
    public String toString() {
        return method + " " + pattern;
    }

    @Override
    public int compareTo(Endpoint other) {
        var byPattern = pattern.compareTo(other.pattern);
        return byPattern != 0 ? byPattern : method.compareTo(other.method);
    }
}
