package com.nexusai.server.config;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.health.application.AvailabilityStateHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.PingHealthIndicator;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Mono;

/**
 * Every health component answers within {@link HealthTimeoutProperties#timeout()}: a stalled PostgreSQL,
 * Redis or store shows DOWN with "no answer in 2 s" instead of holding {@code /actuator/health} (and the
 * load balancer's check, and the console) for as long as the stall lasts. Each indicator bean is
 * wrapped as it is made; the check itself runs on a virtual thread that is left to finish on its own.
 * The liveness and readiness states and the ping read memory only and are left as they are (a wrapped
 * probe cost a thread hand-off on every call of the load balancer's check: BENCHMARKS.md, token checks).
 */
@Configuration(proxyBeanMethods = false)
class TimeBoundedHealthConfiguration {

    @Bean
    static BeanPostProcessor timeBoundedHealthIndicators(ObjectProvider<HealthTimeoutProperties> properties) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof AvailabilityStateHealthIndicator || bean instanceof PingHealthIndicator) {
                    return bean; // in-memory state, nothing to stall on: the probes stay as cheap as they were
                }
                if (bean instanceof HealthIndicator indicator && !(bean instanceof TimeBounded)) {
                    return new TimeBounded(indicator, timeout(properties));
                }
                if (bean instanceof ReactiveHealthIndicator indicator && !(bean instanceof TimeBoundedReactive)) {
                    return new TimeBoundedReactive(indicator, timeout(properties));
                }
                return bean;
            }
        };
    }

    private static Duration timeout(ObjectProvider<HealthTimeoutProperties> properties) {
        HealthTimeoutProperties settings = properties.getIfAvailable();
        return settings == null ? Duration.ofSeconds(2) : settings.timeout();
    }

    static Health noAnswer(Duration timeout) {
        return Health.down().withDetail("error", "no answer in " + seconds(timeout) + " s").build();
    }

    private static String seconds(Duration timeout) {
        double value = timeout.toMillis() / 1000.0;
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }

    static final class TimeBounded implements HealthIndicator {

        private final HealthIndicator delegate;
        private final Duration timeout;

        TimeBounded(HealthIndicator delegate, Duration timeout) {
            this.delegate = delegate;
            this.timeout = timeout;
        }

        @Override
        public Health health(boolean includeDetails) {
            return bounded(() -> delegate.health(includeDetails));
        }

        @Override
        public Health health() {
            return bounded(delegate::health);
        }

        private Health bounded(java.util.function.Supplier<Health> check) {
            CompletableFuture<Health> result = new CompletableFuture<>();
            Thread.ofVirtual().name("health-check").start(() -> {
                try {
                    result.complete(check.get());
                } catch (Throwable e) {
                    result.completeExceptionally(e);
                }
            });
            try {
                return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                return noAnswer(timeout);
            } catch (ExecutionException e) {
                return Health.down().withException(e.getCause() instanceof Exception cause ? cause : e).build();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return noAnswer(timeout);
            }
        }
    }

    static final class TimeBoundedReactive implements ReactiveHealthIndicator {

        private final ReactiveHealthIndicator delegate;
        private final Duration timeout;

        TimeBoundedReactive(ReactiveHealthIndicator delegate, Duration timeout) {
            this.delegate = delegate;
            this.timeout = timeout;
        }

        @Override
        public Mono<Health> health(boolean includeDetails) {
            return delegate.health(includeDetails).timeout(timeout, Mono.fromSupplier(() -> noAnswer(timeout)));
        }

        @Override
        public Mono<Health> health() {
            return delegate.health().timeout(timeout, Mono.fromSupplier(() -> noAnswer(timeout)));
        }
    }
}
