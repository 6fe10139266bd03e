package com.nexusai.desktop;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.ResourceBundle;
import java.util.function.Consumer;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import com.nexusai.core.api.NexusClient;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/**
 * The NexusAI console. Parameters: {@code --url=} (the server, default http://127.0.0.1:8080),
 * {@code --lang=fr|en} (default: French when the system is French), {@code --theme=dark|light},
 * {@code --refresh=2s}, {@code --local} (start a local server at once), {@code --data-dir=} (the local server's),
 * {@code --url=a,b --user=u --password-file=f} (connect at once, unattended; several URLs make a fleet).
 */
public final class ConsoleApp extends Application {

    private final Background background = new Background();
    private final Session session = Session.inHome();
    private List<Monitor> monitors = List.of();
    private LocalServer localServer;
    private DashboardView dashboard;
    private ResourceBundle text;
    private boolean dark;

    @Override
    public void start(Stage stage) {
        var named = getParameters().getNamed();
        Locale locale = Locale.forLanguageTag(named.getOrDefault("lang", Locale.getDefault().getLanguage().equals("fr") ? "fr" : "en"));
        text = ResourceBundle.getBundle("com.nexusai.desktop.messages", locale);
        dark = "dark".equals(named.get("theme"));
        applyTheme();
        Duration refresh = Duration.ofSeconds(Long.parseLong(named.getOrDefault("refresh", "2s").replace("s", "")));

        BorderPane root = new BorderPane();
        Label title = new Label("NexusAI");
        title.getStyleClass().add(atlantafx.base.theme.Styles.TITLE_3);
        Button theme = new Button(text.getString("toolbar.theme"));
        theme.setOnAction(event -> {
            dark = !dark;
            applyTheme();
        });
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox toolbar = new HBox(12, title, spacer, theme);
        toolbar.setPadding(new Insets(8, 16, 8, 16));
        toolbar.getStyleClass().add("toolbar");
        root.setTop(toolbar);
        Consumer<List<NexusClient>> connected = clients -> {
            if (localServer == null && clients.size() == 1) {
                remember(clients.getFirst());
            }
            monitors = clients.stream().map(client -> new Monitor(client, refresh, Clock.systemUTC())).toList();
            dashboard = new DashboardView(text, monitors, background);
            root.setCenter(dashboard);
            monitors.forEach(Monitor::start);
        };
        Runnable startLocal = () -> startLocalServer(root, connected,
                Path.of(named.getOrDefault("data-dir", System.getProperty("user.home") + "/.nexusai/console-data")));
        root.setCenter(new ConnectView(text, background, named.getOrDefault("url", "http://127.0.0.1:8080"), connected, startLocal));
        if (getParameters().getUnnamed().contains("--local") || "true".equals(named.get("local"))) {
            startLocal.run();
        } else if (named.containsKey("url") && named.containsKey("user") && named.containsKey("password-file")) {
            // unattended (a wall screen): the password is read from a file, never taken on the command line
            String addresses = named.get("url");
            String user = named.get("user");
            Path passwordFile = Path.of(named.get("password-file"));
            background.run(() -> ConnectView.connectAll(addresses, user, java.nio.file.Files.readString(passwordFile).strip()), connected,
                    failure -> System.getLogger(ConsoleApp.class.getName()).log(System.Logger.Level.WARNING, "could not connect: " + failure.getMessage()));
        } else if (!named.containsKey("url")) {
            session.read().ifPresent(remembered -> background.run(() -> {
                NexusClient client = new NexusClient(URI.create(remembered.url()), Clock.systemUTC());
                client.resume(remembered.refreshToken());
                return List.of(client);
            }, connected, failure -> {
                if (failure instanceof NexusClient.ApiException refused && refused.status() == 401) {
                    forgetSession(); // expired or revoked; a server that is only down keeps the sign-in for next time
                }
            }));
        }
        stage.setOnCloseRequest(event -> {
            if (!mayQuit()) {
                event.consume();
            }
        });
        var screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(root, Math.min(1400, screen.getWidth()), Math.min(900, screen.getHeight()));
        scene.getStylesheets().add(Objects.requireNonNull(ConsoleApp.class.getResource("console.css")).toExternalForm());
        // Ctrl+D: light or dark; Ctrl+Q: quit (asking first when a local server runs)
        scene.getAccelerators().put(new javafx.scene.input.KeyCodeCombination(javafx.scene.input.KeyCode.D,
                javafx.scene.input.KeyCombination.SHORTCUT_DOWN), () -> {
            dark = !dark;
            applyTheme();
        });
        scene.getAccelerators().put(new javafx.scene.input.KeyCodeCombination(javafx.scene.input.KeyCode.Q,
                javafx.scene.input.KeyCombination.SHORTCUT_DOWN), () -> {
            if (mayQuit()) {
                stage.close();
            }
        });
        var layout = java.util.prefs.Preferences.userNodeForPackage(ConsoleApp.class);
        stage.setWidth(Math.min(screen.getWidth(), layout.getDouble("width", scene.getWidth())));
        stage.setHeight(Math.min(screen.getHeight(), layout.getDouble("height", scene.getHeight())));
        stage.setOnHidden(event -> {
            layout.putDouble("width", stage.getWidth());
            layout.putDouble("height", stage.getHeight());
        });
        stage.setTitle(text.getString("window.title"));
        stage.setScene(scene);
        stage.show();
    }

    /** Starts the embedded server from the console's own runtime, showing each component as it comes up, then signs in as its admin. */
    private void startLocalServer(BorderPane root, Consumer<List<NexusClient>> connected, Path dataDir) {
        ProgressBar bar = new ProgressBar(0);
        bar.setPrefWidth(420);
        Label step = new Label(text.getString("local.starting"));
        VBox starting = new VBox(16, new Label(text.getString("local.title")), bar, step);
        starting.setAlignment(javafx.geometry.Pos.CENTER);
        root.setCenter(starting);
        background.run(() -> {
            localServer = new LocalServer(LocalServer.findJar(), dataDir);
            URI url = localServer.start(progress -> Platform.runLater(() -> {
                bar.setProgress((double) progress.done() / progress.total());
                step.setText(progress.line());
            }), Duration.ofMinutes(3));
            NexusClient client = new NexusClient(url, Clock.systemUTC());
            client.login("admin", localServer.adminPassword());
            return List.of(client);
        }, connected, failure -> step.setText(text.getString("local.failed") + " " + failure.getMessage()));
    }

    /** Quitting stops a local server: ask first. */
    private boolean mayQuit() {
        if (localServer == null || !localServer.running()) {
            return true;
        }
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, text.getString("local.stopQuestion"), ButtonType.YES, ButtonType.NO);
        ask.setHeaderText(null);
        return ask.showAndWait().orElse(ButtonType.NO) == ButtonType.YES;
    }

    /** The remembered session was refused: the connect screen stays, the file goes. */
    private void forgetSession() {
        try {
            session.forget();
        } catch (java.io.IOException e) {
            System.getLogger(ConsoleApp.class.getName()).log(System.Logger.Level.WARNING, "could not delete the remembered sign-in: " + e.getMessage());
        }
    }

    private void remember(NexusClient client) {
        try {
            session.save(client.base().toString(), client.refreshToken());
        } catch (java.io.IOException e) {
            System.getLogger(ConsoleApp.class.getName()).log(System.Logger.Level.WARNING, "the sign-in could not be remembered: " + e.getMessage());
        }
    }

    private void applyTheme() {
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
    }

    @Override
    public void stop() {
        // hide every window (notification popups too) before the toolkit goes: exiting with a ControlsFX
        // notification open crashed the JVM (platform-facts)
        for (javafx.stage.Window window : java.util.List.copyOf(javafx.stage.Window.getWindows())) {
            window.hide();
        }
        if (dashboard != null) {
            dashboard.stop();
        }
        for (Monitor monitor : monitors) {
            monitor.close();
        }
        if (localServer == null && monitors.size() == 1) {
            remember(monitors.getFirst().client()); // the newest refresh token: the server rotated the one saved at sign-in
        }
        if (localServer != null) {
            localServer.close();
        }
        background.close();
    }

    public static void main(String[] args) {
        launch(ConsoleApp.class, args);
    }
}
