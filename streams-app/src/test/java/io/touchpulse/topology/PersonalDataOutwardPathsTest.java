package io.touchpulse.topology;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.touchpulse.alert.notify.AlertView;
import io.touchpulse.alert.notify.AlertmanagerApiFormat;
import io.touchpulse.alert.notify.AlertmanagerWebhookFormat;
import io.touchpulse.alert.notify.Notification;
import io.touchpulse.alert.notify.PagerDutyFormat;
import io.touchpulse.alert.notify.SlackFormat;
import io.touchpulse.alert.notify.StandardWebhookSigner;
import io.touchpulse.alert.notify.TouchpulseWebhookFormat;
import io.touchpulse.schema.Alert;
import io.touchpulse.schema.AlertStatus;
import io.touchpulse.schema.CustomerRisk;
import io.touchpulse.schema.Direction;
import io.touchpulse.schema.Idea;
import io.touchpulse.schema.InteractionKind;
import io.touchpulse.schema.JourneyIssue;
import io.touchpulse.schema.Signal;
import io.touchpulse.schema.SurveyDecision;
import io.touchpulse.schema.TermTrend;
import io.touchpulse.schema.TouchpointHealth;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.touchpulse.topology.PipelineDriver.T0;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Personal data customers write (e-mail addresses, phone numbers, card numbers, IBANs, SSNs, NI numbers, IP addresses)
 * goes through the real topology in every kind of text it reads: calls, chats, e-mails, survey comments, search
 * queries, idea texts, journey-issue evidence and alert evidence. Every output topic, every webhook body built from the
 * alerts it fired, and the metrics scrape must be free of it; so must the HTTP API ({@link PersonalDataHttpPaths}).
 * Controls prove the scan can fail: it finds every value in the input, and in tp.dlq (which keeps raw input on purpose).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PersonalDataOutwardPathsTest {
    private static final Map<String, Class<? extends org.apache.avro.specific.SpecificRecordBase>> OUTPUTS = new LinkedHashMap<>();

    static {
        Topics t = Topics.defaults();
        OUTPUTS.put(t.signals(), Signal.class);
        OUTPUTS.put(t.touchpointHealth(), TouchpointHealth.class);
        OUTPUTS.put(t.alerts(), Alert.class);
        OUTPUTS.put(t.customerRisk(), CustomerRisk.class);
        OUTPUTS.put(t.journeyIssues(), JourneyIssue.class);
        OUTPUTS.put(t.surveyDecisions(), SurveyDecision.class);
        OUTPUTS.put(t.ideas(), Idea.class);
        OUTPUTS.put(t.trendingTerms(), TermTrend.class);
    }

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private PipelineDriver d;
    private final Random random = new Random(5);
    private int customers;
    /** Decoded output records (key and value as text) per topic. */
    private final Map<String, List<String>> out = new LinkedHashMap<>();
    private final List<Alert> alerts = new ArrayList<>();
    private final List<TouchpointHealth> health = new ArrayList<>();
    private final List<JourneyIssue> issues = new ArrayList<>();
    private List<TestRecord<String, byte[]>> deadLetters;

    @BeforeAll
    void runThePipeline() {
        // journeys take days; the driver's clock would call those events "from the future"
        d = new PipelineDriver(Map.of("validation.max-future-skew", "3650d"), registry);
        alertsWithPersonalDataInTheirEvidence();
        journeysWithPersonalDataInTheirEvidence();
        // a survey answer out of range is dead-lettered as it came (the control below)
        d.interactions.pipeInput("dlq-1", io.touchpulse.schema.Interaction.newBuilder().setEventId("bad-1").setTimestamp(at(400))
                .setCustomerId("dlq-1").setKind(InteractionKind.SURVEY).setTouchpoint("billing").setChannel("survey")
                .setText(PersonalData.sentence(0) + " " + PersonalData.sentence(1)).setCsat(9).build(), at(400));
        // a touchpoint that is a phone number would become a metric label and a topic key: refused
        d.interaction("dlq-2", InteractionKind.CALL, Direction.INBOUND, "07700900123", "phone", "hello", null, null, null, List.of(), at(400));
        d.interaction("dlq-3", InteractionKind.EMAIL, Direction.INBOUND, PersonalData.EMAILS.get(0), "email", "hello", null, null, null, List.of(), at(400));
        // moves stream time on so every window and pane closes
        d.page("late", "home", at(60 * 24 * 30), 200, 100);

        for (var e : OUTPUTS.entrySet()) {
            var deser = AvroSerde.of(e.getValue()).deserializer();
            List<String> texts = d.driver.createOutputTopic(e.getKey(), Serdes.String().deserializer(), Serdes.ByteArray().deserializer())
                    .readRecordsToList().stream().map(r -> {
                        SpecificRecord v = deser.deserialize(e.getKey(), r.value());
                        if (v instanceof Alert a) {
                            alerts.add(a);
                        } else if (v instanceof TouchpointHealth h) {
                            health.add(h);
                        } else if (v instanceof JourneyIssue i) {
                            issues.add(i);
                        }
                        return r.key() + " " + v;
                    }).toList();
            out.put(e.getKey(), texts);
        }
        deadLetters = d.deadLetters();
    }

    @AfterAll
    void close() {
        d.close();
    }

    private static Instant at(int minute) {
        return T0.plus(Duration.ofMinutes(minute));
    }

    /**
     * A busy billing line with personal data in every text; from minute 50 to 70 customers are angry (csat 1,
     * complaints), which fires a dissatisfied-rate alert whose evidence quotes them. Searches carry personal data too.
     */
    private void alertsWithPersonalDataInTheirEvidence() {
        InteractionKind[] kinds = {InteractionKind.CALL, InteractionKind.CHAT, InteractionKind.EMAIL, InteractionKind.SURVEY};
        for (int minute = 0; minute < 80; minute++) {
            boolean incident = minute >= 50 && minute < 70;
            for (int i = 0; i < 20; i++) {
                Instant at = at(minute).plusMillis(i * 3000L + random.nextInt(3000));
                String customer = "c" + customers++;
                InteractionKind kind = kinds[i % kinds.length];
                String pii = PersonalData.sentence(customers);
                String text = incident ? "This is terrible, you charged me twice and nobody helps. " + pii
                        : "Thanks, the new statement is fine. " + pii;
                d.interactions.pipeInput(customer, io.touchpulse.schema.Interaction.newBuilder().setEventId("e" + customers).setTimestamp(at)
                        .setCustomerId(customer).setKind(kind).setDirection(Direction.INBOUND).setTouchpoint("billing")
                        .setChannel(kind.name().toLowerCase()).setText(text).setCsat(incident ? 1 : 4)
                        .setNps(kind == InteractionKind.SURVEY ? (incident ? 1 : 9) : null)
                        .setOutcome(incident ? "unresolved" : "resolved").setTags(incident ? List.of("complaint") : List.of()).build(), at);
                if (i % 5 == 0) {
                    d.query(customer, "refund " + PersonalData.value(customers), incident ? 0 : 3, at.plusMillis(1));
                }
            }
        }
    }

    /** Broken promises, a repeat contact, churn intent, ideas and survey comments, each quoting personal data. */
    private void journeysWithPersonalDataInTheirEvidence() {
        Instant day = at(120);
        d.profile("p1", "premium", 36, 4200);
        d.interaction("p1", InteractionKind.CALL, Direction.INBOUND, "billing", "phone",
                "Why was I charged a late fee? Card " + PersonalData.CARDS.get(0) + ", call " + PersonalData.PHONES.get(0),
                "resolved", "case-1", "fee", List.of("complaint", "promise:fee-waiver"), day);
        d.interaction("p1", InteractionKind.LETTER, Direction.OUTBOUND, "billing", "letter", "Your invoice: late payment fee 25.00",
                null, null, "fee", List.of("charged:fee"), day.plus(Duration.ofDays(3)));
        d.profile("p2", "consumer", 12, 300);
        for (int i = 0; i < 3; i++) {
            d.interaction("p2", InteractionKind.CHAT, Direction.INBOUND, "support-chat", "chat",
                    "My refund still has not arrived, pay it to " + PersonalData.IBANS.get(i % PersonalData.IBANS.size()) + " or mail "
                            + PersonalData.EMAILS.get(i), "unresolved", "case-p2-" + i, "refund", List.of(), day.plus(Duration.ofHours(20L * i)));
        }
        d.profile("p3", "consumer", 12, 300);
        d.interaction("p3", InteractionKind.CALL, Direction.INBOUND, "call-center", "phone",
                "Please call me back about my contract on " + PersonalData.PHONES.get(1), "callback-promised", "case-9", "contract",
                List.of("due:" + day.plus(Duration.ofHours(2))), day);
        d.profile("p4", "premium", 60, 9000);
        d.chat("p4", "support-chat", "I am going to cancel my account and switch to another bank. Reach me at "
                + PersonalData.EMAILS.get(1) + " or " + PersonalData.PHONES.get(2), 1, day.plus(Duration.ofHours(1)));
        d.chat("p4", "mobile-app", "It would be great if you could email me at " + PersonalData.EMAILS.get(0)
                + " when dark mode is ready", 3, day.plus(Duration.ofHours(2)));
        d.chat("p5", "mobile-app", "I wish I could export my statements to CSV, my card is " + PersonalData.CARDS.get(1), 3,
                day.plus(Duration.ofHours(3)));
        d.chat("p6", "mobile-app", "please add CSV export for statements, text me on " + PersonalData.PHONES.get(3)
                + " from " + PersonalData.IPS.get(0), 3, day.plus(Duration.ofHours(4)));
        d.interaction("p7", InteractionKind.SURVEY, Direction.INBOUND, "call-center", "survey",
                "The agent asked for my SSN " + PersonalData.OTHER.get(0) + " and NI number " + PersonalData.OTHER.get(1) + ", awful",
                null, null, null, List.of(), day.plus(Duration.ofHours(5)));
        d.interaction("p8", InteractionKind.CALL, Direction.INBOUND, "call-center", "phone",
                "I would like to update my address, my new number is " + PersonalData.PHONES.get(4), "resolved", "case-8", "account",
                List.of(), day.plus(Duration.ofHours(6)));
    }

    @Test
    void everyOutputTopicCarriesTheTextsButNoPersonalData() {
        List<String> leaks = new ArrayList<>();
        out.forEach((topic, texts) -> {
            assertThat(texts).as(topic + " has records, or the scan proves nothing").isNotEmpty();
            texts.forEach(t -> PersonalData.find(t).forEach(hit -> leaks.add(topic + ": " + hit)));
        });
        assertThat(leaks).isEmpty();
        // the texts are there, redacted: placeholders in signals, alert evidence, journey evidence and idea examples
        assertThat(String.join("\n", out.get("tp.signals"))).contains("[email]", "[phone]", "[card]", "[iban]", "[ssn]", "[nino]", "[ip]");
        assertThat(alerts).anySatisfy(a -> {
            assertThat(a.getStatus()).isEqualTo(AlertStatus.FIRING);
            assertThat(String.join(" ", a.getEvidence().getVerbatims())).contains("[");
        });
        assertThat(String.join("\n", out.get("tp.journey-issues"))).contains("BROKEN_PROMISE", "REPEAT_CONTACT", "[");
        assertThat(String.join("\n", out.get("tp.ideas"))).contains("[email]");
    }

    @Test
    void everyWebhookFormatBuiltFromTheFiredAlertsIsFreeOfPersonalData() {
        List<AlertView> views = alerts.stream().map(AlertView::of).toList();
        Notification n = new Notification("msg_1", "ops", "root:{}", Map.of("touchpoint", "billing"), views, T0);
        Instant now = T0.plusSeconds(60);
        List<String> bodies = new ArrayList<>();
        bodies.addAll(render(new TouchpulseWebhookFormat(URI.create("http://127.0.0.1:1/hook"),
                StandardWebhookSigner.of(StandardWebhookSigner.generateSecret()), "http://tp").render(n, now)));
        bodies.addAll(render(new SlackFormat(URI.create("https://hooks.slack.invalid/T/B/x"), "http://tp").render(n, now)));
        bodies.addAll(render(new PagerDutyFormat(null, "R0UTINGKEY", "http://tp").render(n, now)));
        bodies.addAll(render(new AlertmanagerWebhookFormat(URI.create("http://127.0.0.1:1/"), null, "http://tp").render(n, now)));
        bodies.addAll(render(new AlertmanagerApiFormat(URI.create("http://127.0.0.1:1/"), null, "http://tp", Duration.ofMinutes(1)).render(n, now)));
        assertThat(bodies).hasSizeGreaterThanOrEqualTo(5);
        assertThat(String.join("\n", bodies)).as("the evidence is in the bodies, redacted").contains("[email]", "[phone]");
        assertThat(bodies.stream().flatMap(b -> PersonalData.find(b).stream()).toList()).isEmpty();
    }

    private static List<String> render(List<io.touchpulse.alert.notify.Outgoing> outgoing) {
        return outgoing.stream().map(o -> o.body()).toList();
    }

    @Test
    void metricLabelsCarryNoPersonalData() {
        String scrape = registry.scrape();
        assertThat(scrape).contains("touchpoint=\"billing\"");
        assertThat(PersonalData.find(scrape)).isEmpty();
    }

    @Test
    void everyApiResponseOverTheTopologysOutputIsFreeOfPersonalData() throws Exception {
        List<String> ids = List.of("p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8", "c1", "c1100");
        List<String> bodies = PersonalDataHttpPaths.fetchAll(d, registry, health, alerts, issues, ids);
        assertThat(String.join("\n", bodies)).contains("[email]", "[phone]", "[card]");
        assertThat(bodies.stream().flatMap(b -> PersonalData.find(b).stream()).toList()).isEmpty();
    }

    @Test
    void controlTheScanFindsEveryValueInTheInputAndTheRawDeadLetterCopy() {
        for (String v : PersonalData.all()) {
            assertThat(PersonalData.find("text " + v + " text")).as(v).isNotEmpty();
        }
        List<String> raw = deadLetters.stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
        assertThat(raw).as("tp.dlq keeps the original").anySatisfy(r -> assertThat(PersonalData.find(r)).hasSizeGreaterThanOrEqualTo(2));
        assertThat(raw).anySatisfy(r -> assertThat(r).contains("07700900123"));
        assertThat(raw).anySatisfy(r -> assertThat(r).contains(PersonalData.EMAILS.get(0)));
        // the reasons (headers, also logged) name the problem, never the value
        assertThat(deadLetters).allSatisfy(r -> r.headers().forEach(h -> {
            String v = new String(h.value(), StandardCharsets.UTF_8);
            assertThat(PersonalData.find(v)).as(h.key()).isEmpty();
            assertThat(v).doesNotContain("07700900123");
        }));
        assertThat(deadLetters).anySatisfy(r -> assertThat(new String(r.headers().lastHeader(DeadLetters.MESSAGE).value(), StandardCharsets.UTF_8))
                .contains("touchpoint looks like personal data ([phone])"));
    }
}
