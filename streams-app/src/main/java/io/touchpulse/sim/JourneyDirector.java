package io.touchpulse.sim;

import io.touchpulse.schema.Direction;
import io.touchpulse.schema.Interaction;
import io.touchpulse.schema.InteractionKind;
import io.touchpulse.schema.JourneyIssueType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Plays the journey scripts: picks the cohorts ({@link JourneyCasting}), takes their customers out of the random
 * traffic and puts every scripted interaction on the timeline up front. Its own generator (derived from the seed)
 * draws customers, timing jitter and texts, so the background traffic does not depend on the scripts and the whole
 * run stays deterministic whatever step sizes the simulator is advanced by.
 */
final class JourneyDirector {
    private static final long SALT = 0x4A4F55524E455953L;
    /** Each customer's script starts up to this much after the cohort start, so steps do not all share a second. */
    private static final int JITTER_MS = 60_000;
    /** The one line of phrase section [tenure]: replaced by the customer's own tenure. */
    private static final String TENURE = "%TENURE%";

    private final SimContext ctx;
    private final SplittableRandom rng;
    private final TextLibrary lib = TextLibraryHolder.LIB;

    JourneyDirector(SimContext ctx, long seed) {
        this.ctx = ctx;
        this.rng = new SplittableRandom(seed ^ SALT);
    }

    /** Casts and schedules all cohorts, the first at {@code firstStartMs}, one every {@link JourneyCast#COHORT_EVERY}. */
    JourneyCast stage(long firstStartMs) {
        List<JourneyCasting.Cohort> cohorts = JourneyCasting.pick(ctx.pop, rng);
        List<Instant> starts = new ArrayList<>();
        Map<String, List<String>> cast = new LinkedHashMap<>(), control = new LinkedHashMap<>();
        List<Integer> scripted = new ArrayList<>();
        for (JourneyIssueType t : JourneyCasting.TYPES) {
            cast.put(t.name(), new ArrayList<>());
            control.put(t.name(), new ArrayList<>());
        }
        for (int k = 0; k < cohorts.size(); k++) {
            long start = firstStartMs + k * JourneyCast.COHORT_EVERY.toMillis();
            starts.add(Instant.ofEpochMilli(start));
            JourneyCasting.Cohort cohort = cohorts.get(k);
            for (JourneyIssueType t : JourneyCasting.TYPES) {
                List<Script> bad = CastScripts.of(t), ok = ControlScripts.of(t);
                for (int v = 0; v < JourneyCast.PER_TYPE; v++) {
                    play(start, cohort.cast().get(t)[v], bad.get(v));
                    play(start, cohort.control().get(t)[v], ok.get(v));
                    cast.get(t.name()).add(ctx.pop.ids[cohort.cast().get(t)[v]]);
                    control.get(t.name()).add(ctx.pop.ids[cohort.control().get(t)[v]]);
                    scripted.add(cohort.cast().get(t)[v]);
                    scripted.add(cohort.control().get(t)[v]);
                }
            }
        }
        ctx.pop.exclude(scripted.stream().mapToInt(Integer::intValue).toArray());
        return new JourneyCast(starts, cast, control);
    }

    private void play(long cohortStart, int c, Script script) {
        long base = cohortStart + rng.nextInt(JITTER_MS);
        String customer = ctx.pop.ids[c];
        String[] cases = new String[8];
        String lastTouchpoint = Touchpoints.HOME;
        for (JourneyStep s : script.steps()) {
            long t = base + 1000L * s.atSec();
            String caseId = s.caseSlot() == 0 ? null : cases[s.caseSlot()] != null ? cases[s.caseSlot()] : (cases[s.caseSlot()] = ctx.ids.newCase());
            String tp = s.kind() == InteractionKind.SURVEY ? lastTouchpoint : touchpoint(s.topic(), s.kind());
            lastTouchpoint = tp;
            String text = s.text() == null ? null : lib.expand(lib.id(s.text()), rng).replace(TENURE, tenure(ctx.pop.tenure[c]));
            Integer wait = null;
            if (s.direction() == Direction.INBOUND && s.kind() == InteractionKind.CALL) wait = 30 + rng.nextInt(150);
            else if (s.direction() == Direction.INBOUND && s.kind() == InteractionKind.CHAT) wait = 5 + rng.nextInt(60);
            ctx.timeline.interaction(t, customer, new Interaction(ctx.ids.event(), Instant.ofEpochMilli(t), customer, s.kind(),
                    s.direction(), tp, channel(s.kind()), text, s.csat(), s.nps(), wait, s.durationSec() == 0 ? null : s.durationSec(),
                    s.outcome(), caseId, s.topic(), tags(s.tags(), base)));
        }
    }

    /** Resolves {@code due:+<sec>} to an ISO-8601 instant relative to the customer's start. */
    private static List<String> tags(List<String> tags, long base) {
        List<String> out = new ArrayList<>(tags.size());
        for (String tag : tags)
            out.add(tag.startsWith(JourneyStep.DUE_PREFIX)
                    ? "due:" + Instant.ofEpochMilli(base + 1000L * Long.parseLong(tag.substring(JourneyStep.DUE_PREFIX.length())))
                    : tag);
        return out;
    }

    /** How a customer says how long they have been with us, from the profile's tenure. */
    static String tenure(int months) {
        if (months < 2) return "a few weeks";
        if (months < 24) return months + " months";
        return months / 12 + " years";
    }

    private static String touchpoint(String topic, InteractionKind kind) {
        return switch (topic) {
            case "fee", "refund", "invoice", "payment" -> Touchpoints.BILLING;
            case "password" -> Touchpoints.LOGIN;
            case "app" -> Touchpoints.MOBILE_APP;
            case "order" -> Touchpoints.CHECKOUT;
            default -> switch (kind) {
                case CALL, VISIT -> Touchpoints.CALL_CENTER;
                case EMAIL, SMS, LETTER -> Touchpoints.EMAIL;
                case VERBATIM, SOCIAL -> Touchpoints.PRODUCT;
                default -> Touchpoints.SUPPORT_CHAT;
            };
        };
    }

    private static String channel(InteractionKind kind) {
        return switch (kind) {
            case CALL -> "phone";
            case CHAT -> "chat";
            case EMAIL -> "email";
            case SMS -> "sms";
            case LETTER -> "letter";
            case VISIT -> "field";
            case SURVEY -> "survey";
            case VERBATIM -> "web-feedback";
            case SOCIAL -> "social";
        };
    }
}
