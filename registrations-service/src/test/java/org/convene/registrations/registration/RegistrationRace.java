package org.convene.registrations.registration;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Many parties of one to three people registering at once through the real HTTP stack. */
public final class RegistrationRace {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private RegistrationRace() {}

    public static List<JsonNode> run(int port, String eventId, int parties, int concurrency) {
        var web = WebClient.create("http://127.0.0.1:" + port);
        return Flux.range(0, parties)
                .flatMap(
                        i -> web.post()
                                .uri("/api/events/" + eventId + "/registrations")
                                .contentType(MediaType.APPLICATION_JSON)
                                .bodyValue(RegistrationFixtures.person(
                                        "Racer " + i,
                                        ThreadLocalRandom.current().nextInt(3)))
                                .retrieve()
                                .bodyToMono(String.class)
                                .map(JSON::readTree),
                        concurrency)
                .collectList()
                .block(Duration.ofSeconds(120));
    }
}
