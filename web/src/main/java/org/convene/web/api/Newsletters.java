package org.convene.web.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.Set;

/** What the newsletter API answers, as far as the pages use it. */
public final class Newsletters {

    private Newsletters() {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Newsletter(
            String id,
            String subject,
            String markdown,
            String html,
            Set<String> topics,
            String status,
            Instant sendAt,
            Instant createdAt,
            Progress progress) {

        public boolean isDraft() {
            return "DRAFT".equals(status);
        }

        public boolean canCancel() {
            return "SCHEDULED".equals(status) || "SENDING".equals(status);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Progress(
            boolean recipientsKnown,
            long recipients,
            long sent,
            long failed,
            long skipped,
            long cancelled,
            long remaining,
            int percentDone) {}
}
