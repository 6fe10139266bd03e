package com.nexusai.server;

import com.nexusai.embedded.kafka.KafkaBrokerMain;
import com.nexusai.server.preflight.PreflightCommand;
import com.nexusai.server.web.StartupProfile;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The NexusAI server. With no configuration it runs embedded (its own PostgreSQL, Redis, Kafka and
 * S3 store on loopback); with {@code --spring.profiles.active=prod} it uses the external services
 * named by the environment, as the operations guide describes.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class NexusAiServer {

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && KafkaBrokerMain.COMMAND.equals(args[0])) {
            KafkaBrokerMain.main(args); // the embedded broker's own JVM, started by the server
            return;
        }
        if (ServerCommandLine.answered(args, System.out)) {
            return;
        }
        if (java.util.Arrays.asList(args).contains(PreflightCommand.FLAG)) {
            System.exit(PreflightCommand.run(args, System.out));
        }
        SpringApplication application = new SpringApplication(NexusAiServer.class);
        if (StartupProfile.requested(args)) {
            application.setApplicationStartup(StartupProfile.recorder());
        }
        application.run(args);
    }
}
