package com.nexusai.server.platform;

import java.nio.file.Path;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the embedded platform at the very beginning of the context refresh: the configuration is
 * final by then (tests and other initializers have added their properties), and no bean exists
 * yet, so the servers come up while Spring builds the context. The platform is registered as a
 * singleton that the context closes last.
 */
public final class EmbeddedPlatformInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String BEAN_NAME = "nexusaiEmbeddedPlatform";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.addBeanFactoryPostProcessor(new Starter(context));
    }

    /** Added programmatically, so it runs before the configuration classes are even parsed. */
    private record Starter(ConfigurableApplicationContext context) implements BeanDefinitionRegistryPostProcessor {

        @Override
        public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
            if (!(registry instanceof DefaultListableBeanFactory beanFactory)) {
                throw new IllegalStateException("Unexpected bean factory " + registry.getClass().getName());
            }
            Binder binder = Binder.get(context.getEnvironment());
            EmbeddedSettings settings = binder.bindOrCreate("nexusai.embedded", EmbeddedSettings.class);
            boolean preflight = binder.bind("nexusai.preflight", Boolean.class).orElse(false);
            if (!settings.enabled() || preflight || beanFactory.containsSingleton(BEAN_NAME)) {
                return;
            }
            if (!EmbeddedPlatform.bundled(context.getClassLoader())) {
                throw new EmbeddedPlatformMissingException();
            }
            Path dataDir = binder.bind("nexusai.data-dir", Path.class)
                    .orElseThrow(() -> new IllegalStateException("nexusai.data-dir is not set"));
            int serverPort = binder.bind("server.port", Integer.class).orElse(8080);
            EmbeddedPlatform platform = EmbeddedPlatform.start(new EmbeddedSettings.Resolved(dataDir, settings), serverPort);
            beanFactory.registerSingleton(BEAN_NAME, platform);
            beanFactory.registerDisposableBean(BEAN_NAME, platform::close);
        }

        @Override
        public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
            // all done in postProcessBeanDefinitionRegistry
        }
    }
}
