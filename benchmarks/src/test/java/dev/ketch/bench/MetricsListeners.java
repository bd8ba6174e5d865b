package dev.ketch.bench;

import dev.ketch.client.ClientListener;
import dev.ketch.micrometer.KetchMetrics;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;

/** Ketch's Micrometer integration, as the benchmark measures its cost: a client-name suffix each. */
enum MetricsListeners {

    /** {@code KetchMetrics} recording into a registry. */
    MICROMETER("-micrometer") {
        @Override
        ClientListener create() {
            return KetchMetrics.builder(new SimpleMeterRegistry()).build();
        }
    },
    /** {@code KetchMetrics} without client-side percentiles: what its default percentiles cost. */
    MICROMETER_NO_PERCENTILES("-micrometer-no-percentiles") {
        @Override
        ClientListener create() {
            return KetchMetrics.builder(new SimpleMeterRegistry()).percentiles().build();
        }
    },
    /** Every operation an Observation, timed by Micrometer's meter handler. */
    OBSERVATION("-observation") {
        @Override
        ClientListener create() {
            ObservationRegistry observations = ObservationRegistry.create();
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
            return KetchMetrics.builder(meters).observationRegistry(observations).build();
        }
    };

    private final String suffix;

    MetricsListeners(String suffix) {
        this.suffix = suffix;
    }

    String suffix() {
        return suffix;
    }

    abstract ClientListener create();
}
