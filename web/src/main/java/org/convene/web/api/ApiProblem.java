package org.convene.web.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A service's refusal (RFC 9457 problem details) as a page shows it: the kind, the service's own
 * sentence for people, and what was wrong with which field. Services never put framework or
 * internal messages in problem details, so their words may reach the page.
 */
public final class ApiProblem extends RuntimeException {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Body(
            @Nullable String type,
            @Nullable String title,
            @Nullable Integer status,
            @Nullable String detail,
            List<FieldError> errors) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record FieldError(String field, String message) {}

    private final int status;
    private final Body body;

    public ApiProblem(int status, @Nullable Body body) {
        super("The API answered " + status + (body == null || body.type() == null ? "" : " " + body.type()));
        this.status = status;
        this.body = body == null ? new Body(null, null, status, null, List.of()) : body;
    }

    public int status() {
        return status;
    }

    /** The last part of the problem type ({@code invalid-request}, {@code not-found}, ...), or empty. */
    public String kind() {
        var type = body.type();
        return type == null ? "" : type.substring(type.lastIndexOf('/') + 1);
    }

    public @Nullable String detail() {
        return body.detail();
    }

    /** Field paths as the API names them ({@code attendee.email}) with the API's message, first one per field. */
    public Map<String, String> fieldErrors() {
        var errors = new LinkedHashMap<String, String>();
        if (body.errors() != null) {
            body.errors().forEach(error -> errors.putIfAbsent(error.field(), error.message()));
        }
        return errors;
    }

    public boolean isNotFound() {
        return status == 404;
    }
}
