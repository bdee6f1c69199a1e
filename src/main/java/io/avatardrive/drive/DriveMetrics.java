package io.avatardrive.drive;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;

/**
 * The drive's own figures for /observe/metrics: drives started, succeeded and failed by stage, audio sent, drives in
 * flight, DriveByWsStream answers by return code, and how far ahead of real time each drive ran. Without a Micrometer
 * registry (an application that embeds the template without metrics) every call does nothing.
 */
final class DriveMetrics {

    /** The bean camel-micrometer binds its registry as. */
    private static final String REGISTRY = "metricsRegistry";

    private final MeterRegistry registry;
    private final AtomicInteger active = new AtomicInteger();

    private DriveMetrics(MeterRegistry registry) {
        this.registry = registry;
        if (registry != null) {
            // every documented meter exists from the start, at zero, so that a scrape sees it before the first drive
            registry.gauge("avatar_drive_active", active);
            registry.counter("avatar_drive_started");
            registry.counter("avatar_drive_succeeded");
            Counter.builder("avatar_drive_audio_seconds").register(registry);
            maxLead();
            for (Stage stage : Stage.values()) {
                registry.counter("avatar_drive_failed", "stage", stage.label());
            }
            for (Outcome outcome : Outcome.values()) {
                registry.counter("avatar_drive_ended", "outcome", outcome.label());
            }
            registry.counter("avatar_drive_api_calls", "code", "0");
        }
    }

    /** In Prometheus avatar_drive_max_lead_ms_bucket, _count, _sum: no unit suffix, the name says milliseconds. */
    private DistributionSummary maxLead() {
        return DistributionSummary.builder("avatar_drive_max_lead_ms")
                .serviceLevelObjectives(100, 300, 500, 600, 700, 1000, 2000).register(registry);
    }

    static DriveMetrics of(CamelContext context) {
        return new DriveMetrics(registry(context));
    }

    private static MeterRegistry registry(CamelContext context) {
        return context.getRegistry().lookupByNameAndType(REGISTRY, MeterRegistry.class);
    }

    /** The counters the console shows, by tag: drives by outcome, failures by stage, API answers by code. */
    record Counts(Map<String, Long> outcomes, Map<String, Long> failedByStage, Map<String, Long> apiAnswers) {
    }

    static Counts counts(CamelContext context) {
        MeterRegistry registry = registry(context);
        return new Counts(byTag(registry, "avatar_drive_ended", "outcome"), byTag(registry, "avatar_drive_failed", "stage"),
                byTag(registry, "avatar_drive_api_calls", "code"));
    }

    private static Map<String, Long> byTag(MeterRegistry registry, String name, String tag) {
        Map<String, Long> counts = new TreeMap<>();
        if (registry != null) {
            registry.find(name).counters().forEach(c -> counts.merge(c.getId().getTag(tag), (long) c.count(), Long::sum));
        }
        return counts;
    }

    /** Work that ended without a drive (superseded by an interrupt, withdrawn before its turn): counted by outcome. */
    static void endedUndriven(CamelContext context, Outcome outcome) {
        MeterRegistry registry = registry(context);
        if (registry != null) {
            registry.counter("avatar_drive_ended", "outcome", outcome.label()).increment();
        }
    }

    void started() {
        active.incrementAndGet();
        if (registry != null) {
            registry.counter("avatar_drive_started").increment();
        }
    }

    /** A drive that ended with a report: spoken, interrupted or cut. */
    void ended(DriveReport report, boolean wasStarted) {
        if (wasStarted) {
            active.decrementAndGet();
        }
        if (registry != null) {
            // spoken to its end; an interrupted or cut drive ended with a report but is counted only by its outcome
            if (report.outcome() == Outcome.DRIVEN) {
                registry.counter("avatar_drive_succeeded").increment();
            }
            registry.counter("avatar_drive_ended", "outcome", report.outcome().label()).increment();
            Counter.builder("avatar_drive_audio_seconds").register(registry).increment(report.audioMs() / 1000.0);
            maxLead().record(report.maxLeadMs());
        }
    }

    void failed(Stage stage, boolean wasStarted) {
        if (wasStarted) {
            active.decrementAndGet();
        }
        if (registry != null) {
            registry.counter("avatar_drive_failed", "stage", stage.label()).increment();
            registry.counter("avatar_drive_ended", "outcome", Outcome.FAILED.label()).increment();
        }
    }

    void apiAnswer(long code) {
        if (registry != null) {
            registry.counter("avatar_drive_api_calls", "code", Long.toString(code)).increment();
        }
    }
}
