package com.nexusai.desktop.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.nexusai.core.alerts.AlertEngine;
import com.nexusai.core.api.NexusClient;
import com.nexusai.core.testing.ManualClock;
import com.nexusai.desktop.chat.ChatView;
import com.nexusai.server.support.OllamaStandIn;
import com.nexusai.server.support.OllamaStandIn.Script;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import com.nexusai.desktop.platform.LocalServer;
import org.controlsfx.control.StatusBar;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The console signed in to a real server (the server jar in embedded mode, started once for the class). */
class ConnectedConsoleUiTest extends FxRobot {

    @TempDir
    static Path serverDir;

    @TempDir
    Path tmp;

    private static LocalServer server;
    private static OllamaStandIn ollama;
    private static URI url;
    private static String password;
    private ConsoleApp app;

    @BeforeAll
    static void startServer() throws Exception {
        // Ollama's stand-in holds llama3; the server is configured for mistral, which it does not hold
        ollama = OllamaStandIn.start(List.of("llama3"));
        // a cache of its own: this server trains it, and must leave it behind when it stops
        server = new LocalServer(LocalServer.findJar(), serverDir.resolve("data"),
                List.of("--nexusai.ai.ollama.base-url=" + ollama.baseUrl(), "--nexusai.ai.ollama.model=mistral"), serverDir.resolve("cache"));
        url = server.start(progress -> { }, Duration.ofMinutes(3));
        password = server.adminPassword();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (ollama != null) {
            ollama.close();
        }
        if (server != null) {
            server.close();
            // the first run of this jar trained the AOT cache; the JVM wrote it as the server stopped
            try (var caches = java.nio.file.Files.find(serverDir.resolve("cache"), 2, (path, attributes) -> path.toString().endsWith(".aot"))) {
                assertThat(caches.toList()).singleElement().satisfies(aot -> assertThat(aot).isNotEmptyFile());
            }
        }
    }

    private void launch(Clock clock, String... args) throws Exception {
        FxToolkit.registerPrimaryStage();
        app = (ConsoleApp) FxToolkit.setupApplication(() -> new ConsoleApp(clock, List.of(args)));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The button of that text in a window on the screen (dialogs of earlier tests are gone from it). */
    /** The button labelled {@code label}, its mnemonic mark aside ("_Test the restore" is "Test the restore"). */
    private Button button(String label) {
        return onScreen(lookup(node -> node instanceof Button button && button.getText() != null
                && label.equals(button.getText().replaceFirst("_(?=.)", "")))
                .queryAllAs(Button.class));
    }

    private static <T extends Node> T onScreen(java.util.Set<T> nodes) {
        return nodes.stream().filter(n -> n.getScene() != null && n.getScene().getWindow() != null && n.getScene().getWindow().isShowing())
                .findFirst().orElseThrow(() -> new AssertionError("not on the screen: " + nodes));
    }

    /** Opens a tab (built when first opened) and waits until {@code node} of it is on the screen. */
    private void showTab(javafx.scene.control.TabPane views, int index, String node) throws Exception {
        interact(() -> views.getSelectionModel().select(index));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> lookup(node).tryQuery().map(n -> n.getScene() != null && n.isVisible()).orElse(false));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The console signed in unattended as the admin, at its tabs. */
    private javafx.scene.control.TabPane launchSignedIn() throws Exception {
        Path passwordFile = Files.writeString(tmp.resolve("password"), password);
        launch(Clock.systemUTC(), "--lang=en", "--url=" + url, "--user=admin", "--password-file=" + passwordFile);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> lookup("#views").tryQuery().isPresent());
        return lookup("#views").queryAs(javafx.scene.control.TabPane.class);
    }

    @AfterEach
    void close() throws Exception {
        if (app != null) { // a test that talks to the server alone launches no window
            FxToolkit.cleanupApplication(app);
            FxToolkit.cleanupStages();
        }
    }

    /**
     * A server on TLS with a keytool certificate (guide §4.1): refused, its fingerprint shown, connected once
     * the admin trusts it; a later visit with the certificate changed is refused with both fingerprints.
     */
    @Test
    void theLocalServersHeapIsCappedAtHalfAGibibyte() throws Exception {
        NexusClient client = new NexusClient(url, Clock.systemUTC());
        client.login("admin", password);
        java.util.regex.Matcher heapPools = java.util.regex.Pattern
                .compile("(?m)^jvm_memory_max_bytes\\{[^}]*area=\"heap\"[^}]*} (\\S+)$").matcher(client.prometheus());
        double limit = 0;
        int pools = 0;
        while (heapPools.find()) {
            pools++;
            limit += Math.max(0, Double.parseDouble(heapPools.group(1))); // G1's Eden and Survivor say -1
        }
        assertThat(pools).isPositive();
        assertThat(limit).isPositive().isLessThanOrEqualTo(512.0 * 1024 * 1024);
    }

    @Test
    void aTlsServerIsRefusedUntilItsCertificateIsTrustedAndAChangedCertificateIsRefused() throws Exception {
        String storePassword = "store-" + java.util.UUID.randomUUID();
        Path trustFile = tmp.resolve("trusted-servers.properties");
        int port;
        String fingerprint;
        try (TlsRelay tls = TlsRelay.start(TlsRelay.keystore(tmp.resolve("first.p12"), storePassword), storePassword, 0, url.getPort())) {
            port = tls.port();
            fingerprint = com.nexusai.core.api.ServerTrust.fingerprint(tls.certificate());
            launch(Clock.systemUTC(), "--lang=en", "--trust-file=" + trustFile);
            interact(() -> lookup("#url").queryAs(TextField.class).setText("https://127.0.0.1:" + tls.port()));
            clickOn("#password").write(password);
            clickOn("#connect");
            WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> lookup("#certificate-confirm").query().isVisible());
            assertThat(lookup("#certificate").queryAs(Label.class).getText()).contains("127.0.0.1:" + tls.port(), fingerprint, "CN=nexusai.fr");
            assertThat(lookup("#views").tryQuery()).as("not connected before the certificate is trusted").isEmpty();
            capture("connect-untrusted-certificate");

            clickOn("#trust-certificate");
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> lookup("#views").tryQuery().isPresent());
            assertThat(new com.nexusai.core.api.ServerTrust(trustFile).confirmed("127.0.0.1:" + port)).as("remembered").isEqualTo(fingerprint);
            close();
        }
        try (TlsRelay changed = TlsRelay.start(TlsRelay.keystore(tmp.resolve("second.p12"), storePassword), storePassword, port, url.getPort())) {
            launch(Clock.systemUTC(), "--lang=fr", "--trust-file=" + trustFile);
            interact(() -> lookup("#url").queryAs(TextField.class).setText("https://127.0.0.1:" + changed.port()));
            clickOn("#password").write(password);
            clickOn("#connect");
            WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> lookup("#certificate-confirm").query().isVisible());
            String shown = lookup("#certificate").queryAs(Label.class).getText();
            assertThat(shown).contains(fingerprint, com.nexusai.core.api.ServerTrust.fingerprint(changed.certificate()));
            assertThat(lookup("#trust-certificate").queryAs(Button.class).getText()).isEqualTo("Faire confiance au nouveau certificat");
            assertThat(shown).contains("CN=nexusai.fr", "présente maintenant un autre certificat");
            assertThat(lookup("#views").tryQuery()).as("a changed certificate is never accepted silently").isEmpty();
            capture("connect-changed-certificate-fr");
        }
    }

    /** A screenshot of the window into target/screenshots, to look at (headless: the scene as JavaFX draws it). */
    private void capture(String name) throws Exception {
        Path directory = Path.of("target", "screenshots");
        Files.createDirectories(directory);
        javafx.scene.image.WritableImage[] image = new javafx.scene.image.WritableImage[1];
        interact(() -> image[0] = lookup("#certificate").query().getScene().snapshot(null));
        java.awt.image.BufferedImage buffered = new java.awt.image.BufferedImage((int) image[0].getWidth(), (int) image[0].getHeight(),
                java.awt.image.BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < buffered.getHeight(); y++) {
            for (int x = 0; x < buffered.getWidth(); x++) {
                buffered.setRGB(x, y, image[0].getPixelReader().getArgb(x, y));
            }
        }
        javax.imageio.ImageIO.write(buffered, "png", directory.resolve(name + ".png").toFile());
    }

    @Test
    void signsInThroughTheFormToAFleetWhoseSecondInstanceIsDown() throws Exception {
        int deadPort;
        try (ServerSocket closed = new ServerSocket(0)) {
            deadPort = closed.getLocalPort();
        }
        String dead = "127.0.0.1:" + deadPort;
        launch(Clock.systemUTC(), "--lang=en", "--refresh=1s");
        interact(() -> lookup("#url").queryAs(TextField.class).setText(url + ", http://" + dead));
        clickOn("#password").write(password);
        clickOn("#connect");

        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> valueOf("Heap used / committed / max").filter(v -> v.endsWith("MiB")).isPresent());
        assertThat(lookup("#password").tryQuery()).as("the form is gone").isEmpty();
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> fleetText().contains(dead + ": down"));
        assertThat(fleetText()).contains(url.getAuthority() + ": OK");

        ChoiceBox<?> instances = lookup("#instance").queryAs(ChoiceBox.class);
        assertThat(instances.getItems()).hasSize(2);
        interact(() -> instances.getSelectionModel().select(1));
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> statusText().startsWith("Stale since"));
        assertThat(statusText()).contains(dead).contains("cannot be reached");
        interact(() -> instances.getSelectionModel().select(0));
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> statusText().startsWith("Updated at"));

        // the §6.1 table: the 502 row lights up for the instance that does not answer, and opens diagnostics on it
        javafx.scene.control.TabPane views = lookup("#views").queryAs(javafx.scene.control.TabPane.class);
        showTab(views, 5, "#problems");
        @SuppressWarnings("unchecked")
        TableView<com.nexusai.desktop.troubleshooting.TroubleshootingViewModel.Row> problems = lookup("#problems").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> problems.getItems().stream()
                .anyMatch(r -> r.problem().id().equals("bad-gateway") && String.join(" ", r.evidence()).contains(dead + ": does not answer")));
        assertThat(problems.getItems()).filteredOn(r -> !r.problem().id().equals("bad-gateway"))
                .allSatisfy(r -> assertThat(r.evidence()).as(r.problem().id()).isEmpty());
        interact(() -> problems.getSelectionModel().select(problems.getItems().stream()
                .filter(r -> r.problem().id().equals("bad-gateway")).findFirst().orElseThrow()));
        clickOn("#trouble-open");
        assertThat(views.getSelectionModel().getSelectedIndex()).isEqualTo(3);
        assertThat(((com.nexusai.desktop.dashboard.InstanceFeed) instances.getValue()).instance()).isEqualTo(dead);
    }

    @Test
    void anAlertFiresAfterItsForDurationAndCanBeSilencedWithAReason() throws Exception {
        // the shipped memory rule with a threshold a running server is always above
        String rules = """
                {"group": "test", "rules": [{"alert": "HeapInUse", "severity": "warning", "for": "5m", "summary": "Heap in use",
                  "condition": {"type": "ratio",
                    "numerator": {"metric": "jvm_memory_used_bytes", "match": {"area": "heap"}},
                    "denominator": {"metric": "jvm_memory_max_bytes", "match": {"area": "heap"}},
                    "denominatorPositiveOnly": true, "by": ["instance"], "above": 0.000001}}]}
                """;
        Path rulesFile = Files.writeString(tmp.resolve("rules.json"), rules);
        Path passwordFile = Files.writeString(tmp.resolve("password"), password);
        ManualClock clock = new ManualClock(Instant.now());
        launch(clock, "--lang=en", "--refresh=1s", "--url=" + url, "--user=admin", "--password-file=" + passwordFile, "--rules=" + rulesFile);

        TableView<AlertEngine.Alert> alerts = waitForAlerts();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> state(alerts).equals(Optional.of(AlertEngine.State.PENDING)));
        clock.advance(Duration.ofMinutes(4).plusSeconds(59));
        // two more scrapes evaluated, a second short of the `for:` (each scrape adds a dashboard to the window)
        com.nexusai.desktop.dashboard.DashboardViewModel dashboard = lookup("#views").queryAs(javafx.scene.control.TabPane.class).getTabs()
                .getFirst().getContent() instanceof com.nexusai.desktop.dashboard.DashboardView view ? view.model() : null;
        int scrapes = dashboard.stateProperty().get().window().size();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> dashboard.stateProperty().get().window().size() >= scrapes + 2);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(state(alerts)).hasValue(AlertEngine.State.PENDING);
        assertThat(cellText("pending")).isPresent();
        clock.advance(Duration.ofSeconds(1));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> state(alerts).equals(Optional.of(AlertEngine.State.FIRING)));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> cellText("firing").isPresent());

        interact(() -> alerts.getSelectionModel().select(0));
        clickOn("#silence");
        Button ok = button("OK");
        assertThat(ok.isDisabled()).as("no silence without a reason").isTrue();
        clickOn("#silence-reason").write("load test on app1");
        assertThat(ok.isDisabled()).isFalse();
        clickOn(ok);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> lookup(node -> node instanceof Labeled labeled && labeled.getText() != null
                && labeled.getText().matches("until \\d\\d:\\d\\d:\\d\\d: load test on app1")).tryQuery().isPresent());
        // still evaluated and shown while silenced
        assertThat(state(alerts)).hasValue(AlertEngine.State.FIRING);
        // and the silence ends with its hour (1 h by default)
        clock.advance(Duration.ofMinutes(61));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> lookup(node -> node instanceof Labeled labeled && labeled.getText() != null
                && labeled.getText().startsWith("until ")).tryQuery().isEmpty());
    }

    @Test
    void investigateAsksTheServerItsFindingsAndSaysWhatCameBack() throws Exception {
        javafx.scene.control.TabPane views = launchSignedIn();
        showTab(views, 6, "#investigate-run");
        Label status = lookup("#investigate-status").queryAs(Label.class);
        assertThat(status.getText()).isEqualTo("Not investigated yet");

        clickOn("#investigate-run");

        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> status.getText().matches("(Nothing found|\\d+ finding\\(s\\)) at .*"));
        assertThat(status.getText()).as("the server answered").doesNotContain("could not investigate");
        assertThat(lookup("#investigate-run").queryButton().isDisabled()).isFalse();
    }

    @Test
    @SuppressWarnings("unchecked")
    void chatStreamsTheAnswerInOrderAndStopEndsItUpstream() throws Exception {
        javafx.scene.control.TabPane views = launchSignedIn();
        assertThat(views.getTabs()).extracting(javafx.scene.control.Tab::getText)
                .containsExactly("Dashboard", "AI chat", "Incidents", "Diagnostics", "Operations", "Troubleshooting", "Investigate");
        showTab(views, 1, "#question");
        ChoiceBox<?> model = lookup("#model").queryAs(ChoiceBox.class);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> model.getItems().contains("llama3"));
        WaitForAsyncUtils.waitForFxEvents(); // the rest of the callback that filled the list (the model's state) has run
        assertThat(textOf("#model-state")).as("the configured model is missing, and the fix is given")
                .contains("mistral").contains("ollama pull mistral");

        // the configured model is missing: the answer is refused with the fix, nothing hangs
        clickOn("#question").write("Why is the heap so high?");
        clickOn("#send");
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> textOf("#chat-state").contains("ollama pull mistral"));

        // an installed model streams: the wait for the first token shows, then the tokens in order
        interact(() -> ((ChoiceBox<String>) model).setValue("llama3"));
        ollama.script(Script.tokens(60).firstTokenAfter(Duration.ofMillis(1500)).every(Duration.ofMillis(10)));
        clickOn("#question").write("Why is the heap so high?");
        clickOn("#send");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> textOf("#chat-state").equals("Waiting for the first token..."));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> textOf("#chat-state").matches("60 tokens, [0-9.]+ tokens/s"));
        String expected = java.util.stream.IntStream.range(0, 60).mapToObj(i -> "t" + i).collect(java.util.stream.Collectors.joining(" "));
        assertThat(answerTexts()).anySatisfy(answer -> assertThat(answer.strip()).isEqualTo(expected));
        ChatView chat = lookup("#chat").queryAs(ChatView.class);
        assertThat(chat.redraws()).as("tokens drawn together, at most once per frame").isBetween(1, 59);
        assertThat(ollama.lastChat().requestBody()).contains("\"model\":\"llama3\"");
        assertThat(ollama.lastChat().requestBody()).contains("Why is the heap so high?");

        // Stop ends the generation upstream at once
        ollama.script(Script.tokens(2000).every(Duration.ofMillis(20)));
        clickOn("#question").write("Tell me everything");
        clickOn("#send");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> textOf("#chat-state").endsWith("tokens/s"));
        clickOn("#stop");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> ollama.lastChat().clientClosed());
        assertThat(ollama.lastChat().tokensSent()).isLessThan(2000);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> textOf("#chat-state").startsWith("Stopped"));
        assertThat(lookup("#send").queryAs(Button.class).isDisabled()).isFalse();
    }

    @Test
    void helpAboutShowsTheConsolesAndTheServersVersionsAndTheLicences() throws Exception {
        launchSignedIn();
        clickOn("Help");
        clickOn("About NexusAI");
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> lookup("#about-text").tryQuery().isPresent());
        String about = lookup("#about-text").queryAs(javafx.scene.control.TextArea.class).getText();
        String version = ConsoleCommand.version();
        assertThat(version).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(about).contains("Console " + version).contains("Java " + Runtime.version())
                .contains("Server " + version + " (" + url.getAuthority() + ")").contains("AtlantaFX (MIT)").contains("picocli (Apache 2.0)");
        clickOn(button("Close"));
    }

    @Test
    void supportFollowsTheEscalationStepsOfAnIncident() throws Exception {
        com.nexusai.core.api.NexusClient api = new com.nexusai.core.api.NexusClient(url, Clock.systemUTC());
        api.login("admin", password);
        String title = "Checkout errors " + System.nanoTime();
        String id = api.postJson("/api/incidents", java.util.Map.of("title", title, "severity", "critical", "kind", "application"))
                .path("id").asString();
        showIncident(launchSignedIn(), id, "critical, application, open, level 1");
        assertThat(textOf("#reachability")).isNotBlank();

        clickOn(onScreen(lookup("#acknowledge").queryAllAs(Button.class)));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> textOf("#incident-facts").contains("acknowledged, level 1"));
        WaitForAsyncUtils.waitForFxEvents();
        clickOn(onScreen(lookup("#escalate").queryAllAs(Button.class)));
        clickOn(onScreen(lookup(".dialog-pane .text-field").queryAllAs(TextField.class))).write("payment provider down");
        clickOn(button("OK"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> textOf("#incident-facts").contains("level 2"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> lookup("#checklist").tryQuery().isPresent()
                && lookup(node -> node instanceof Labeled l && "Level 2".equals(l.getText())).tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents(); // the escalation redraws the incident once: the checklist shown is the new one
        javafx.scene.control.CheckBox first = onScreen(lookup("#checklist").queryAllAs(javafx.scene.layout.VBox.class)).getChildren().stream()
                .filter(node -> node instanceof javafx.scene.control.CheckBox box && !box.isSelected())
                .map(node -> (javafx.scene.control.CheckBox) node).findFirst().orElseThrow();
        clickOn(first);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> lookup("#checklist").queryAllAs(javafx.scene.layout.VBox.class).stream()
                .filter(v -> v.getScene() != null).flatMap(v -> v.getChildren().stream())
                .anyMatch(node -> node instanceof javafx.scene.control.CheckBox box && box.isSelected() && box.getText().contains("(admin, ")));

        tools.jackson.databind.JsonNode details = api.getJson("/api/incidents/" + id);
        assertThat(details.path("incident").path("status").asString()).isEqualTo("escalated");
        assertThat(details.path("incident").path("level").asInt()).isEqualTo(2);
        assertThat(details.path("timeline").toString()).contains("payment provider down");
        javafx.scene.control.ListView<String> timeline = lookup("#timeline").queryAs(javafx.scene.control.ListView.class);
        assertThat(timeline.getItems()).anySatisfy(entry -> assertThat(entry).contains("admin").contains("payment provider down"));
    }

    /** Opens the incidents tab and shows incident {@code id}, once its facts read {@code facts}. */
    @SuppressWarnings("unchecked")
    private void showIncident(javafx.scene.control.TabPane views, String id, String facts) throws Exception {
        showTab(views, 2, "#incidents");
        TableView<com.nexusai.core.incidents.Incident> incidents = lookup("#incidents").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> incidents.getItems().stream().anyMatch(i -> i.id().equals(id)));
        interact(() -> incidents.getSelectionModel().select(incidents.getItems().stream()
                .filter(i -> i.id().equals(id)).findFirst().orElseThrow()));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> textOf("#incident-facts").contains(facts));
        WaitForAsyncUtils.waitForFxEvents(); // the incident is read twice (list, then details): its actions are those of the last drawing
    }

    /** SUPPORT (§6.3, level 1) sees escalate and resolve disabled, with a tooltip naming the roles that may. */
    @Test
    void supportIsNotOfferedWhatItsRoleWouldBeRefused() throws Exception {
        com.nexusai.core.api.NexusClient api = new com.nexusai.core.api.NexusClient(url, Clock.systemUTC());
        api.login("admin", password);
        String name = "support" + System.nanoTime() % 100000;
        api.postJson("/api/admin/users", java.util.Map.of("username", name, "password", "support-password-1", "roles", List.of("SUPPORT")));
        String id = api.postJson("/api/incidents", java.util.Map.of("title", "Slow uploads " + name, "severity", "warning", "kind", "application"))
                .path("id").asString();
        Path passwordFile = Files.writeString(tmp.resolve("support-password"), "support-password-1");
        launch(Clock.systemUTC(), "--lang=en", "--url=" + url, "--user=" + name, "--password-file=" + passwordFile);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> lookup("#views").tryQuery().isPresent());
        showIncident(lookup("#views").queryAs(javafx.scene.control.TabPane.class), id, "warning, application, open, level 1");

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> lookup("#acknowledge").queryAllAs(Button.class).stream()
                .anyMatch(b -> b.getScene() != null && !b.isDisabled()));
        Button acknowledge = onScreen(lookup("#acknowledge").queryAllAs(Button.class));
        Button escalate = onScreen(lookup("#escalate").queryAllAs(Button.class));
        assertThat(escalate.isDisabled()).isTrue();
        assertThat(escalate.getParent().getStyleClass()).contains("role-guard");
        javafx.scene.control.Tooltip why = (javafx.scene.control.Tooltip) escalate.getParent().getProperties().get("javafx.scene.control.Tooltip");
        assertThat(why.getText()).isEqualTo("Needs one of the roles DEVOPS, DEVELOPER or ADMIN; you are signed in as SUPPORT.");
        assertThat(escalate.getAccessibleHelp()).isEqualTo(why.getText());

        clickOn(acknowledge);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> textOf("#incident-facts").contains("acknowledged, level 1"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void diagnosticsShowTheThreadsAndFollowTheLogWithItsFilters() throws Exception {
        javafx.scene.control.TabPane views = launchSignedIn();
        showTab(views, 3, "#diagnostics-parts");
        javafx.scene.control.TabPane parts = lookup("#diagnostics-parts").queryAs(javafx.scene.control.TabPane.class);

        // threads: the server's dump, by state, searchable
        interact(() -> parts.getSelectionModel().select(1));
        javafx.scene.control.ListView<com.nexusai.core.diagnostics.ThreadDump.Thread> threads =
                lookup("#threads").queryAs(javafx.scene.control.ListView.class);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> threads.getItems().size() > 20);
        assertThat(textOf("#thread-summary")).matches("\\d+ threads:.*RUNNABLE \\d+.*");
        clickOn("#thread-search").write("http-nio");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !threads.getItems().isEmpty()
                && threads.getItems().stream().allMatch(t -> t.matches("http-nio")));
        assertThat(threads.getItems()).anySatisfy(t -> assertThat(t.name()).contains("http-nio"));

        // logs: followed live, at WARN and above; the logger change the console makes is itself logged at WARN
        interact(() -> parts.getSelectionModel().select(2));
        javafx.scene.control.ListView<String> log = lookup("#log").queryAs(javafx.scene.control.ListView.class);
        interact(() -> lookup("#log-level").queryAs(ChoiceBox.class).setValue("WARN"));
        interact(() -> lookup("#log-level").queryAs(ChoiceBox.class).getOnAction().handle(null));
        clickOn("#logger-apply");
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> log.getItems().stream().anyMatch(l -> l.contains("Logger com.nexusai set to DEBUG by admin")));
        assertThat(log.getItems()).allSatisfy(line -> assertThat(line).containsAnyOf(" WARN ", " ERROR ", "\tat ", "Exception"));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> textOf("#logger-current").equals("configured DEBUG, effective DEBUG"));

        // paused: a new line arrives and waits; resumed: it comes
        com.nexusai.desktop.diagnostics.DiagnosticsViewModel diagnostics = lookup("#diagnostics")
                .queryAs(com.nexusai.desktop.diagnostics.DiagnosticsView.class).model();
        clickOn("#log-pause");
        int before = log.getItems().size();
        clickOn("#logger-apply");
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> diagnostics.logWaitingProperty().get() > 0);
        assertThat(log.getItems()).hasSize(before);
        clickOn("#log-pause");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> log.getItems().size() > before);

        // a search the server applies: only matching lines
        clickOn("#log-search").write("set to DEBUG by admin").type(javafx.scene.input.KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> !log.getItems().isEmpty()
                && log.getItems().stream().allMatch(line -> line.contains("set to DEBUG by admin")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void operationsRunAJobOnConfirmationAndRefuseARestoreUntilTheIdIsTyped() throws Exception {
        com.nexusai.core.api.NexusClient api = new com.nexusai.core.api.NexusClient(url, Clock.systemUTC());
        api.login("admin", password);
        api.postJson("/api/admin/backups", java.util.Map.of("kind", "postgres"));
        javafx.scene.control.TabPane views = launchSignedIn();
        showTab(views, 4, "#jobs");

        // the calendar, and a job run now after a confirmation
        TableView<com.nexusai.core.maintenance.MaintenanceJob> jobs = lookup("#jobs").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> jobs.getItems().size() == 7);
        assertThat(jobs.getItems()).extracting(com.nexusai.core.maintenance.MaintenanceJob::name)
                .contains("backup", "restore-test", "vacuum", "log-rotation", "security-updates", "capacity-review", "retention");
        interact(() -> jobs.getSelectionModel().select(jobs.getItems().stream().filter(j -> j.name().equals("vacuum")).findFirst().orElseThrow()));
        clickOn("#run-now");
        clickOn(button("Yes"));
        TableView<com.nexusai.core.maintenance.MaintenanceRun> runs = lookup("#runs").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> {
            interact(() -> lookup("Refresh").queryAs(Button.class).fire());
            return runs.getItems().stream().anyMatch(r -> r.job().equals("vacuum") && r.status().equals("succeeded"));
        });

        // a restore: OK stays disabled until the backup's own id is typed
        interact(() -> lookup("#operations-parts").queryAs(javafx.scene.control.TabPane.class).getSelectionModel().select(1));
        TableView<com.nexusai.core.backups.Backup> backups = lookup("#backup-runs").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> {
            interact(() -> lookup("Refresh").queryAs(Button.class).fire());
            return backups.getItems().stream().anyMatch(b -> b.kind().equals("postgres") && b.status() == com.nexusai.core.backups.Backup.Status.SUCCEEDED);
        });
        com.nexusai.core.backups.Backup done = backups.getItems().stream()
                .filter(b -> b.kind().equals("postgres") && b.status() == com.nexusai.core.backups.Backup.Status.SUCCEEDED).findFirst().orElseThrow();
        String id = done.id();
        interact(() -> backups.getSelectionModel().select(done));
        clickOn("#restore");
        Button ok = button("OK");
        clickOn("#restore-confirm").write(id.substring(0, 8));
        assertThat(ok.isDisabled()).as("a part of the id does not confirm").isTrue();
        write("-0000-0000-0000-000000000000");
        assertThat(ok.isDisabled()).as("another id does not confirm").isTrue();
        interact(() -> lookup("#restore-confirm").queryAs(TextField.class).setText(id));
        assertThat(ok.isDisabled()).as("the backup's id confirms").isFalse();
        clickOn(button("Cancel"));
        assertThat(textOf("#operations-message")).doesNotContain("restored");

        // a restore test: a job on the server, followed on the bar until it ends
        clickOn(button("Test the restore"));
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> textOf("#operations-message").contains("every row count equal"));
        assertThat(textOf("#operations-message")).startsWith("Backup " + id + " restores: restored into nexusai_verify_");
        WaitForAsyncUtils.waitForFxEvents(); // the message is said on success, the bar goes once the task has finished
        assertThat(lookup("#restore-progress").query().isVisible()).as("the bar goes when the job ends").isFalse();
    }

    private String textOf(String id) {
        return lookup(id).tryQuery().map(node -> ((Labeled) node).getText()).orElse("");
    }

    private List<String> answerTexts() {
        return lookup(".answer-text").queryAll().stream().map(node -> ((javafx.scene.text.Text) node).getText()).toList();
    }

    @SuppressWarnings("unchecked")
    private TableView<AlertEngine.Alert> waitForAlerts() throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> lookup("#alerts").tryQuery().isPresent());
        return lookup("#alerts").queryAs(TableView.class);
    }

    private static Optional<AlertEngine.State> state(TableView<AlertEngine.Alert> alerts) {
        return alerts.getItems().stream().filter(a -> a.name().equals("HeapInUse")).map(AlertEngine.Alert::state).findFirst();
    }

    private Optional<Node> cellText(String text) {
        return lookup(node -> node instanceof Labeled labeled && text.equals(labeled.getText())).tryQuery();
    }

    private String fleetText() {
        return lookup("#fleet").tryQuery().map(node -> ((Label) node).getText()).orElse("");
    }

    private String statusText() {
        return lookup("#status").tryQuery().map(node -> ((StatusBar) node).getText()).orElse("");
    }

    /** The value beside a row's label. */
    private Optional<String> valueOf(String rowLabel) {
        return lookup(node -> node instanceof Labeled labeled && rowLabel.equals(labeled.getText())).tryQuery()
                .map(Node::getParent).flatMap(row -> ((javafx.scene.layout.HBox) row).getChildren().stream().skip(1).findFirst())
                .map(value -> ((Label) value).getText());
    }
}
