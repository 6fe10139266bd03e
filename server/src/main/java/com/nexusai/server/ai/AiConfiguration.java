package com.nexusai.server.ai;

import java.net.http.HttpClient;
import java.util.concurrent.Executors;

import io.github.ollama4j.Ollama;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AiConfiguration {

    /** HTTP/1.1 as Ollama speaks it; one virtual thread per delivery, so a slow reader never holds up another chat. */
    @Bean(destroyMethod = "shutdownNow")
    HttpClient ollamaHttpClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(OllamaChatClient.CONNECT_TIMEOUT)
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
    }

    /** Listens for cancel requests from the other nodes (a lifecycle bean: it subscribes, and resubscribes after Redis outages). */
    @Bean
    RedisMessageListenerContainer aiCancelListener(RedisConnectionFactory connections, CancelBroadcast broadcast) {
        RedisMessageListenerContainer container = new RedisMessageListenerContainer();
        container.setConnectionFactory(connections);
        container.addMessageListener(broadcast, new ChannelTopic(CancelBroadcast.CHANNEL));
        return container;
    }

    /** ollama4j's client, for the calls it does well (the model list). */
    @Bean
    Ollama ollama(OllamaProperties properties) {
        Ollama ollama = new Ollama(properties.baseUrl().toString());
        ollama.setRequestTimeoutSeconds(OllamaChatClient.CONNECT_TIMEOUT.toSeconds());
        return ollama;
    }
}
