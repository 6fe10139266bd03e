package com.nexusai.desktop.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The console headless (TestFX on Monocle): its languages, and the start-a-local-server flow against the real server jar. */
class ConsoleUiTest extends FxRobot {

    @TempDir
    Path tmp;

    private ConsoleApp app;

    private void launch(String... args) throws Exception {
        Stage stage = FxToolkit.registerPrimaryStage();
        app = (ConsoleApp) FxToolkit.setupApplication(ConsoleApp.class, args);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(stage).isNotNull();
    }

    @AfterEach
    void close() throws Exception {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
        }
        FxToolkit.cleanupStages();
    }

    /** A label or button saying {@code text}, its mnemonic mark aside ("Se _connecter" says "Se connecter"). */
    private Optional<Node> withText(String text) {
        return lookup(node -> node instanceof Labeled labeled && labeled.getText() != null
                && text.equals(labeled.getText().replaceFirst("_(?=.)", ""))).tryQuery();
    }

    @Test
    void switchesLightAndDarkAtOnceAndRemembersTheChoice() throws Exception {
        String light = new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet();
        String dark = new atlantafx.base.theme.PrimerDark().getUserAgentStylesheet();
        launch("--lang=en", "--theme=light");
        assertThat(javafx.application.Application.getUserAgentStylesheet()).isEqualTo(light);
        press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.D).release(javafx.scene.input.KeyCode.D, javafx.scene.input.KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(javafx.application.Application.getUserAgentStylesheet()).as("Ctrl+D").isEqualTo(dark);
        close();
        launch("--lang=en"); // no --theme: the last choice
        assertThat(javafx.application.Application.getUserAgentStylesheet()).isEqualTo(dark);
        clickOn("Light / dark");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(javafx.application.Application.getUserAgentStylesheet()).as("the toolbar's button").isEqualTo(light);
    }

    @Test
    void speaksFrenchOrEnglishSwitchedAtOnceAndRemembered() throws Exception {
        launch("--lang=fr");
        assertThat(withText("Se connecter")).isPresent();
        assertThat(withText("Démarrer un serveur local")).isPresent();
        close();
        launch("--lang=en");
        assertThat(withText("Connect")).isPresent();
        assertThat(withText("Start a local server")).isPresent();

        clickOn("Français");
        assertThat(withText("Se connecter")).isPresent();
        assertThat(withText("Connect")).isEmpty();
        press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.L).release(javafx.scene.input.KeyCode.L, javafx.scene.input.KeyCode.CONTROL);
        assertThat(withText("Connect")).isPresent();
        clickOn("Français");
        close();
        launch(); // no --lang: the last choice
        assertThat(withText("Se connecter")).isPresent();
    }

    @Test
    void startsALocalServerAndShowsItsLiveValues() throws Exception {
        launch("--local", "--data-dir=" + tmp.resolve("data"), "--refresh=1s", "--lang=en");
        WaitForAsyncUtils.waitFor(150, TimeUnit.SECONDS, () -> heapValue().filter(text -> text.endsWith("MiB")).isPresent());
        assertThat(heapValue()).hasValueSatisfying(text -> assertThat(text).matches("\\d+ / \\d+ / \\d+ MiB"));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> lookup(node -> node instanceof Label label
                && label.getText() != null && label.getText().endsWith(" /s")).tryQuery().isPresent());
        assertThat(withText("No alert: the guide's rules hold")).isPresent();
    }

    /** The value beside "Heap used / committed / max". */
    private Optional<String> heapValue() {
        return lookup(node -> node instanceof Labeled labeled && "Heap used / committed / max".equals(labeled.getText())).tryQuery()
                .map(Node::getParent).flatMap(row -> ((javafx.scene.layout.HBox) row).getChildren().stream().skip(1).findFirst())
                .map(value -> ((Label) value).getText());
    }
}
