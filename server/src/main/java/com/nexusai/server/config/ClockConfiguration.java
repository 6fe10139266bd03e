package com.nexusai.server.config;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

    /** One clock for everything time-based, so tests can reason about it. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
