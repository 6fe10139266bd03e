package com.nexusai.server.config;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

    /** One clock for everything time-based, so tests can reason about it (primary: a test may add a clock of its own for one part). */
    @Bean
    @Primary
    Clock clock() {
        return Clock.systemUTC();
    }
}
