package io.touchpulse.topology;

import java.util.List;

/**
 * Names of every topic Touchpulse reads or writes. Names are data: code refers to these
 * constants, and a deployment can move them all under another prefix ({@link #withPrefix}).
 */
public record Topics(String prefix) {

    public static final String DEFAULT_PREFIX = "tp.";

    public static Topics defaults() {
        return new Topics(DEFAULT_PREFIX);
    }

    public static Topics withPrefix(String prefix) {
        return new Topics(prefix);
    }

    public String webTraffic() { return prefix + "web-traffic"; }
    public String search() { return prefix + "search"; }
    public String interactions() { return prefix + "interactions"; }
    public String customerProfiles() { return prefix + "customer-profiles"; }
    public String signals() { return prefix + "signals"; }
    public String touchpointHealth() { return prefix + "touchpoint-health"; }
    public String alerts() { return prefix + "alerts"; }
    public String customerRisk() { return prefix + "customer-risk"; }
    public String journeyIssues() { return prefix + "journey-issues"; }
    public String surveyDecisions() { return prefix + "survey-decisions"; }
    public String ideas() { return prefix + "ideas"; }
    public String trendingTerms() { return prefix + "trending-terms"; }
    public String dlq() { return prefix + "dlq"; }

    /** Topics the pipeline consumes events from (not the profile table). */
    public List<String> eventInputs() {
        return List.of(webTraffic(), search(), interactions());
    }

    /** Every topic the application expects to exist. */
    public List<String> all() {
        return List.of(webTraffic(), search(), interactions(), customerProfiles(), signals(),
                touchpointHealth(), alerts(), customerRisk(), journeyIssues(), surveyDecisions(), ideas(), trendingTerms(), dlq());
    }
}
