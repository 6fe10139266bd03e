package com.nexusai.server.platform;

import java.nio.file.Path;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Starts the embedded platform as soon as the configuration is known, before any bean exists, so
 * that the servers come up while Spring builds the context. The platform is registered as a
 * singleton that the context closes last.
 */
public final class EmbeddedPlatformInitializer
        implements ApplicationContextInitializer<ConfigurableApplicationContext>, Ordered {

    public static final String BEAN_NAME = "nexusaiEmbeddedPlatform";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ConfigurableEnvironment environment = context.getEnvironment();
        Binder binder = Binder.get(environment);
        EmbeddedSettings settings = binder.bindOrCreate("nexusai.embedded", EmbeddedSettings.class);
        if (!settings.enabled() || context.getBeanFactory().containsSingleton(BEAN_NAME)) {
            return;
        }
        Path dataDir = binder.bind("nexusai.data-dir", Path.class)
                .orElseThrow(() -> new IllegalStateException("nexusai.data-dir is not set"));
        int serverPort = binder.bind("server.port", Integer.class).orElse(8080);
        EmbeddedPlatform platform = EmbeddedPlatform.start(new EmbeddedSettings.Resolved(dataDir, settings), serverPort);
        ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
        beanFactory.registerSingleton(BEAN_NAME, platform);
        if (beanFactory instanceof DefaultListableBeanFactory registry) {
            registry.registerDisposableBean(BEAN_NAME, platform::close);
        } else {
            throw new IllegalStateException("Unexpected bean factory " + beanFactory.getClass().getName());
        }
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 100;
    }
}
