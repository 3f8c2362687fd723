package org.convene.registrations.registration.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.convene.contracts.events.EventMessage;
import org.convene.registrations.registration.RegistrationFixtures;
import org.convene.registrations.registration.domain.EventId;
import org.convene.registrations.registration.domain.RegistrationId;
import org.convene.registrations.registration.domain.SeatLedger;
import org.convene.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * Three instances' desks (each its own group commit and its own remembered ledger) admit to one
 * event at once, as three registrations-service instances would: the version check makes every
 * group that decided on an out-of-date ledger decide again, so seats never exceed capacity and no
 * two parties are told the same place.
 */
@IntegrationTest
class AdmissionDesksOnSeveralInstancesTests {

    @Autowired
    ReactiveMongoTemplate mongo;

    @Autowired
    KafkaTemplate<String, EventMessage> kafka;

    @Autowired
    WebTestClient client;

    @Test
    void desksOnThreeInstancesNeverOverbookNorShareAPlace() throws Exception {
        var event = new EventId(RegistrationFixtures.publishedEvent(kafka, client, 60));
        var instances = List.of(new MongoSeatLedgers(mongo), new MongoSeatLedgers(mongo), new MongoSeatLedgers(mongo));
        var arrivals = new ArrayList<Integer>();
        for (int i = 0; i < 300; i++) {
            arrivals.add(i);
        }

        var admissions = Flux.fromIterable(arrivals)
                .parallel(16)
                .runOn(Schedulers.parallel())
                .flatMap(i -> instances
                        .get(i % instances.size())
                        .admit(event, new RegistrationId("party-" + i), 1 + i % 3, null))
                .sequential()
                .collectList()
                .block(Duration.ofSeconds(60));

        var ledger = mongo.findById(event.value(), Document.class, MongoSeatLedgers.COLLECTION)
                .block();
        var seated = admissions.stream()
                .filter(admission -> admission.outcome() == SeatLedger.Outcome.SEATED)
                .count();
        var places = admissions.stream()
                .filter(admission -> admission.outcome() == SeatLedger.Outcome.QUEUED)
                .map(SeatLedger.Admission::position)
                .toList();
        assertThat(admissions).hasSize(300);
        assertThat(ledger.getInteger("seatsTaken")).isLessThanOrEqualTo(60);
        assertThat(ledger.getInteger("seatsTaken") + ledger.getInteger("seatsLeft"))
                .isEqualTo(60);
        assertThat(PartyLists.decode(ledger.get("holders"))).hasSize((int) seated);
        assertThat(places).doesNotHaveDuplicates().hasSize(300 - (int) seated);
        assertThat(places)
                .containsExactlyInAnyOrderElementsOf(java.util.stream.LongStream.rangeClosed(1, places.size())
                        .boxed()
                        .toList());
    }

    /**
     * The same with places held for an invitation: three instances (each with nothing remembered, as
     * after a restart) admit parties with and without it at once; the held places go to the
     * invitation only, never more than held, and the whole never exceeds capacity.
     */
    @Test
    void desksOnThreeInstancesKeepThePlacesHeldForAnInvitation() throws Exception {
        var code = "Several-instances-cod0";
        var event = new EventId(RegistrationFixtures.publishedEvent(
                kafka,
                client,
                30,
                EventMessage.Visibility.PUBLIC,
                List.of(RegistrationFixtures.invitation("council", code, 10, null)),
                code));
        var instances = List.of(new MongoSeatLedgers(mongo), new MongoSeatLedgers(mongo), new MongoSeatLedgers(mongo));

        var admissions = Flux.range(0, 120)
                .parallel(16)
                .runOn(Schedulers.parallel())
                .flatMap(i -> instances
                        .get(i % instances.size())
                        .admit(event, new RegistrationId("party-" + i), 1, i % 4 == 0 ? "council" : null)
                        .map(admission -> java.util.Map.entry(i, admission)))
                .sequential()
                .collectList()
                .block(Duration.ofSeconds(60));

        var ledger = mongo.findById(event.value(), Document.class, MongoSeatLedgers.COLLECTION)
                .block();
        var holders = PartyLists.decode(ledger.get("holders"));
        var fromHold = holders.stream()
                .filter(holder -> "council".equals(holder.invitation()))
                .mapToInt(holder -> holder.seats())
                .sum();
        var general = admissions.stream()
                .filter(entry -> entry.getKey() % 4 != 0)
                .filter(entry -> entry.getValue().outcome() == SeatLedger.Outcome.SEATED)
                .count();
        assertThat(ledger.getInteger("seatsTaken")).isEqualTo(holders.size()).isLessThanOrEqualTo(30);
        assertThat(fromHold).isEqualTo(10);
        assertThat(general).isLessThanOrEqualTo(20);
        assertThat(ledger.get("seatsTakenByInvitation", Document.class).getInteger("council"))
                .isEqualTo(10);
    }
}
