import java.time.Duration;
import java.time.Instant;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/** The start-up benchmark's reference: the smallest JavaFX window, timed like the console's first dashboard. */
public class MinimalWindow extends Application {

    @Override
    public void start(Stage stage) {
        Scene scene = new Scene(new Label("NexusAI"), 400, 200);
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            scene.removePostLayoutPulseListener(once[0]);
            Instant started = ProcessHandle.current().info().startInstant().orElse(Instant.now());
            System.out.println("first-frame minimal " + Duration.between(started, Instant.now()).toMillis() + " ms");
            Platform.exit();
        };
        scene.addPostLayoutPulseListener(once[0]);
        stage.setScene(scene);
        stage.show();
    }

    public static void main(String[] args) {
        launch(args);
    }
}
