package com.nexusai.desktop.shell;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.ResourceBundle;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.prefs.Preferences;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import com.nexusai.core.alerts.AlertRules;
import com.nexusai.core.api.Grants;
import com.nexusai.core.api.NexusClient;
import com.nexusai.core.users.User;
import com.nexusai.core.users.UsersApi;
import com.nexusai.core.api.ServerInfo;
import com.nexusai.core.api.ServerTrust;
import com.nexusai.core.runbook.Troubleshooting;
import com.nexusai.core.chat.ChatApi;
import com.nexusai.desktop.chat.ChatContexts;
import com.nexusai.desktop.chat.ChatDialogs;
import com.nexusai.desktop.chat.ChatView;
import com.nexusai.desktop.chat.ChatViewModel;
import com.nexusai.core.diagnostics.DiagnosticsApi;
import com.nexusai.desktop.diagnostics.DiagnosticsView;
import com.nexusai.desktop.diagnostics.DiagnosticsViewModel;
import com.nexusai.core.investigations.InvestigationsApi;
import com.nexusai.desktop.incidents.IncidentsDialogs;
import com.nexusai.desktop.investigate.InvestigateView;
import com.nexusai.desktop.investigate.InvestigateViewModel;
import com.nexusai.desktop.incidents.IncidentsView;
import com.nexusai.desktop.incidents.IncidentsViewModel;
import com.nexusai.desktop.operations.OperationsDialogs;
import com.nexusai.desktop.operations.OperationsView;
import com.nexusai.desktop.operations.OperationsViewModel;
import com.nexusai.core.api.FleetSignIn;
import com.nexusai.desktop.connect.ConnectView;
import com.nexusai.desktop.connect.ConnectViewModel;
import com.nexusai.desktop.connect.FleetConnector;
import com.nexusai.desktop.dashboard.DashboardDialogs;
import com.nexusai.desktop.dashboard.DashboardView;
import com.nexusai.desktop.dashboard.DashboardViewModel;
import com.nexusai.desktop.dashboard.Monitor;
import com.nexusai.desktop.platform.BackgroundTask;
import com.nexusai.desktop.platform.FirstFrame;
import com.nexusai.desktop.platform.LocalServer;
import com.nexusai.desktop.platform.Session;
import com.nexusai.desktop.platform.Polling;
import com.nexusai.desktop.platform.TaskExecutor;
import com.nexusai.desktop.troubleshooting.TroubleshootingView;
import com.nexusai.desktop.troubleshooting.TroubleshootingViewModel;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/**
 * The NexusAI console. Its options are in {@link ConsoleOptions}. Shortcuts: Ctrl+D light or dark, Ctrl+L
 * French or English, Ctrl+Q quit. The theme, the language and the window's size are remembered.
 */
public final class ConsoleApp extends Application {

    private final Clock clock;
    private final List<String> givenArguments;
    private final TaskExecutor background = new com.nexusai.desktop.platform.FxTaskExecutor();
    private final Session session = Session.inHome();
    /** Which TLS certificates every client of this console accepts (the fleet, the local server, streams, downloads). */
    private ServerTrust trust;
    private final Preferences layout = Preferences.userNodeForPackage(ConsoleApp.class);
    private List<Monitor> monitors = List.of();
    private LocalServer localServer;
    private DashboardView dashboard;
    private ChatViewModel chat;
    private DiagnosticsViewModel diagnostics;
    private TroubleshootingViewModel troubleshooting;
    private InvestigateViewModel investigate;
    private static final int TROUBLESHOOTING_TAB = 5;
    /** The rule file given on the command line, read at start; else null until the shipped rules are first needed. */
    private AlertRules rules;
    private TabPane tabs;
    /** The current language's texts and the language, as {@link #shell} says them (rebuilt views read them). */
    private ResourceBundle text;
    private Locale locale;
    private ShellViewModel shell;
    private String user = "admin";
    private boolean rememberSignIn;
    private final BorderPane root = new BorderPane();
    private final Label title = new Label("NexusAI");
    /** Who is signed in, with their roles (what the disabled buttons are about). */
    private final Label signedIn = new Label();
    private final MenuBar menus = new MenuBar();
    private final Button themeButton = new Button();
    private final Button languageButton = new Button();
    private Stage stage;

    public ConsoleApp() {
        this(Clock.systemUTC(), null);
    }

    /** For the tests: a clock they move, and arguments (TestFX's supplier launch passes none). */
    ConsoleApp(Clock clock, List<String> arguments) {
        this.clock = clock;
        this.givenArguments = arguments;
    }

    @Override
    public void start(Stage primary) {
        this.stage = primary;
        ConsoleOptions options;
        try {
            options = ConsoleOptions.parse(givenArguments != null ? givenArguments : getParameters().getRaw());
            rules = readRuleFile(options);
            trust = new ServerTrust(options.trustFile());
            if (options.caFile().isPresent()) {
                trust.addCaFile(options.caFile().get());
            }
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("nexusai-console: " + e.getMessage());
            Alert refused = new Alert(Alert.AlertType.ERROR, e.getMessage(), ButtonType.CLOSE);
            refused.setHeaderText("NexusAI");
            refused.showAndWait();
            Platform.exit();
            return;
        }
        shell = new ShellViewModel(ShellViewModel.Settings.in(layout), this::switchAnyway, options.language().orElse(null), options.dark().orElse(null), Locale.getDefault());
        text = shell.text();
        locale = shell.language();
        applyTheme();
        shell.darkProperty().addListener((observable, was, now) -> applyTheme());
        shell.textProperty().addListener((observable, before, now) -> {
            text = now;
            locale = shell.language();
            monitors.forEach(monitor -> monitor.client().speak(locale)); // the servers' refusals follow
            labelToolbar();
            rebuild.run();
        });

        title.getStyleClass().add(atlantafx.base.theme.Styles.TITLE_3);
        themeButton.setOnAction(event -> shell.toggleTheme());
        languageButton.setOnAction(event -> shell.toggleLanguage());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        // the menus share the title's row: the panels keep their height
        signedIn.setId("signed-in");
        signedIn.getStyleClass().add(atlantafx.base.theme.Styles.TEXT_MUTED);
        HBox toolbar = new HBox(12, menus, title, spacer, signedIn, languageButton, themeButton);
        toolbar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        toolbar.setPadding(new Insets(8, 16, 8, 16));
        toolbar.getStyleClass().add("toolbar");
        menus.setId("menus");
        root.setTop(toolbar);
        labelToolbar();

        Consumer<List<NexusClient>> connected = clients -> {
            // one server signed in to by hand is remembered; a fleet, a local server or a wall screen's password file are not
            rememberSignIn = localServer == null && clients.size() == 1 && !options.unattended();
            if (rememberSignIn) {
                remember(clients.getFirst());
            }
            signedIn.setText(user + " · " + String.join(", ", clients.getFirst().grants().sortedRoles()));
            // the console's own rule file is evaluated here; without one the alerts are the servers' (one source for the fleet)
            AlertRules evaluatedHere = options.rules().isPresent() ? rules : null;
            monitors = clients.stream().map(client -> new Monitor(client, options.refresh(), clock, evaluatedHere,
                    Polling.newPoller("monitor-" + client.base().getAuthority()))).toList();
            showDashboard();
            monitors.forEach(Monitor::start);
        };
        Runnable startLocal = () -> startLocalServer(connected, options.dataDir());
        showConnect(options, connected, startLocal);
        if (options.local()) {
            startLocal.run();
        } else if (options.unattended()) {
            // a wall screen: the password is read from a file, never taken on the command line
            user = options.user().orElseThrow();
            background.run(() -> new FleetSignIn(trust, clock, locale).signIn(options.url().orElseThrow(), user,
                    Files.readString(options.passwordFile().orElseThrow()).strip()), connected,
                    failure -> System.getLogger(ConsoleApp.class.getName()).log(System.Logger.Level.WARNING, "could not connect: " + failure.getMessage()));
        } else if (options.url().isEmpty()) {
            session.read().ifPresent(remembered -> background.run(() -> {
                NexusClient client = new NexusClient(URI.create(remembered.url()), clock, trust);
                client.speak(locale);
                client.resume(remembered.refreshToken());
                return new Resumed(client, UsersApi.over(client).me()); // who the remembered sign-in is: the silences' author
            }, resumed -> {
                user = resumed.user().username();
                connected.accept(List.of(resumed.client()));
            }, failure -> {
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
        scene.getStylesheets().add(Objects.requireNonNull(ConsoleApp.class.getResource("/com/nexusai/desktop/console.css")).toExternalForm());
        stage.setWidth(Math.min(screen.getWidth(), layout.getDouble("width", scene.getWidth())));
        stage.setHeight(Math.min(screen.getHeight(), layout.getDouble("height", scene.getHeight())));
        stage.setOnHidden(event -> {
            layout.putDouble("width", stage.getWidth());
            layout.putDouble("height", stage.getHeight());
        });
        stage.setTitle(text.getString("window.title"));
        stage.setScene(scene);
        stage.show();
        new FirstFrame().shown("connect", scene);
    }

    /** The shipped rules are parsed when the troubleshooting view first needs them, not before the first frame. */
    private AlertRules rules() {
        if (rules == null) {
            rules = AlertRules.shipped();
        }
        return rules;
    }

    private static AlertRules readRuleFile(ConsoleOptions options) throws IOException {
        if (options.rules().isEmpty()) {
            return null;
        }
        try (InputStream json = Files.newInputStream(options.rules().get())) {
            return AlertRules.parse(json);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the rule file " + options.rules().get() + " cannot be used: " + e.getMessage(), e);
        }
    }

    private void showConnect(ConsoleOptions options, Consumer<List<NexusClient>> connected, Runnable startLocal) {
        ConnectViewModel model = new ConnectViewModel(text, background, new FleetConnector(trust, clock, locale),
                options.url().orElse(ConsoleOptions.DEFAULT_URL), (clients, name) -> {
                    user = name;
                    connected.accept(clients);
                });
        root.setCenter(new ConnectView(text, model, startLocal));
        // the language switch rebuilds this screen with the same options
        rebuild = () -> showConnect(options, connected, startLocal);
    }

    private Runnable rebuild = () -> { };

    private record Resumed(NexusClient client, User user) {
    }

    /** The views of a connected console, one tab each; rebuilt whole by the language switch (the monitors stay; the silences are the servers'). */
    private void showDashboard() {
        int selectedTab = tabs == null ? 0 : tabs.getSelectionModel().getSelectedIndex();
        boolean investigateAgain = investigate != null && !investigate.rows().isEmpty();
        investigate = null;
        closeViews();
        shell.viewsRebuilt();
        // one sign-in serves the fleet: the first instance's token says what the user's roles allow everywhere
        Grants grants = monitors.getFirst().client().grants();
        DashboardViewModel boardModel = new DashboardViewModel(text, monitors, background, clock, grants,
                new DashboardDialogs(text, () -> stage), java.time.ZoneId.systemDefault());
        DashboardView board = new DashboardView(text, boardModel);
        boardModel.showSelected();
        dashboard = board;
        // the dashboard's instances are this console's monitors
        Supplier<Monitor> selectedMonitor = () -> (Monitor) boardModel.selectedProperty().get();
        Supplier<NexusClient> selected = () -> selectedMonitor.get().client();
        // the other views are built when first opened: the dashboard comes first, and each view's first requests with it
        tabs = new TabPane(tab("tab.dashboard", () -> board),
                tab("tab.chat", () -> new ChatView(text, chat = watched(new ChatViewModel(text, () -> ChatApi.over(selected.get()), background,
                        new ChatDialogs(text, () -> stage, url -> getHostServices().showDocument(url))), "switch.chat",
                        ChatViewModel::streamingProperty), ChatContexts.of(text, monitors, selectedMonitor,
                        feed -> DiagnosticsApi.over(((Monitor) feed).client())))),
                tab("tab.incidents", () -> new IncidentsView(text, new IncidentsViewModel(() -> selectedMonitor.get().incidents(), grants, background,
                        new IncidentsDialogs(text, () -> stage)))),
                tab("tab.diagnostics", () -> new DiagnosticsView(text, diagnostics = watched(new DiagnosticsViewModel(text,
                        () -> DiagnosticsApi.over(selected.get()), grants, background), "switch.heap", DiagnosticsViewModel::heapRunningProperty))),
                tab("tab.operations", () -> new OperationsView(text, watched(new OperationsViewModel(text,
                        () -> OperationsViewModel.Apis.over(selected.get()), grants, background, new OperationsDialogs(text, () -> stage)),
                        "switch.restore", OperationsViewModel::restoringProperty))),
                tab("tab.troubleshooting", () -> new TroubleshootingView(text, troubleshooting = new TroubleshootingViewModel(monitors,
                        new Troubleshooting(rules()), background, (view, affected) -> {
                            if (affected != null) {
                                boardModel.selectedProperty().set(affected);
                            }
                            tabs.getSelectionModel().select(view.equals("diagnostics") ? 3 : 0);
                        }))),
                tab("tab.investigate", () -> {
                    investigate = new InvestigateViewModel(text, () -> monitors.stream().map(monitor -> InvestigationsApi.over(monitor.client()))
                            .toList(), background, clock, new InvestigateViewModel.Navigation() {
                                @Override
                                public void runbookRow(String id) {
                                    tabs.getSelectionModel().select(TROUBLESHOOTING_TAB);
                                    if (troubleshooting != null) {
                                        troubleshooting.choose(id);
                                    }
                                }

                                @Override
                                public void dashboard(String instance) {
                                    monitors.stream().filter(monitor -> monitor.instance().equals(instance)).findFirst()
                                            .ifPresent(monitor -> boardModel.selectedProperty().set(monitor));
                                    tabs.getSelectionModel().select(0);
                                }
                            });
                    if (investigateAgain) { // the language switch rebuilt the views: the findings, said in the new language
                        investigate.investigate();
                    }
                    return new InvestigateView(text, investigate);
                }));
        tabs.setId("views");
        tabs.getTabs().getFirst().setContent(board);
        tabs.getSelectionModel().select(selectedTab);
        root.setCenter(tabs);
        rebuild = this::showDashboard;
    }

    /** {@code model}, whose long work ({@code busy}) the language switch asks about before cutting it short. */
    private <M> M watched(M model, String key, java.util.function.Function<M, javafx.beans.value.ObservableBooleanValue> busy) {
        shell.watch(() -> busy.apply(model).get(), key);
        return model;
    }

    private Tab tab(String key, Supplier<javafx.scene.Node> content) {
        Tab tab = new Tab(text.getString(key));
        tab.setClosable(false);
        tab.setId(key);
        tab.selectedProperty().addListener((observable, was, is) -> {
            if (is && tab.getContent() == null) {
                tab.setContent(content.get());
            }
        });
        return tab;
    }

    /** Starts the embedded server from the console's own runtime, showing each component as it comes up, then signs in as its admin. */
    private void startLocalServer(Consumer<List<NexusClient>> connected, Path dataDir) {
        ProgressBar bar = new ProgressBar(0);
        bar.setPrefWidth(420);
        Label step = new Label(text.getString("local.starting"));
        VBox starting = new VBox(16, new Label(text.getString("local.title")), bar, step);
        starting.setAlignment(javafx.geometry.Pos.CENTER);
        root.setCenter(starting);
        rebuild = () -> { }; // the progress screen keeps its language until the dashboard comes
        user = "admin";
        background.execute(BackgroundTask.<List<NexusClient>>withProgress(progress -> {
            localServer = new LocalServer(LocalServer.findJar(), dataDir);
            URI url = localServer.start(started -> progress.update(started.done(), started.total(), started.line()), Duration.ofMinutes(3));
            NexusClient client = new NexusClient(url, clock, trust);
            client.speak(locale);
            client.login("admin", localServer.adminPassword());
            return List.of(client);
        }).onProgress(started -> {
            bar.setProgress(started.fraction());
            step.setText(started.message());
        }).onSuccess(connected).onFailure(failure -> step.setText(text.getString("local.failed") + " " + failure.getMessage())));
    }

    /** Asked before a language switch would stop long work: yes to switch anyway. */
    private boolean switchAnyway(ResourceBundle words, List<String> cutShort) {
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, words.getString("switch.question") + "\n• " + String.join("\n• ", cutShort)
                + "\n\n" + words.getString("switch.anyway"), ButtonType.YES, ButtonType.NO);
        ask.initOwner(stage);
        ask.setHeaderText(null);
        return ask.showAndWait().orElse(ButtonType.NO) == ButtonType.YES;
    }

    private void labelToolbar() {
        themeButton.setText(text.getString("toolbar.theme"));
        languageButton.setText(text.getString("toolbar.language"));
        MenuItem quit = item("menu.quit", KeyCode.Q, () -> {
            if (mayQuit()) {
                stage.close();
            }
        });
        MenuItem theme = item("menu.theme", KeyCode.D, shell::toggleTheme);
        MenuItem language = item("menu.language", KeyCode.L, shell::toggleLanguage);
        MenuItem about = item("menu.about", null, this::showAbout);
        about.setId("menu-about");
        menus.getMenus().setAll(new Menu(text.getString("menu.file"), null, quit), new Menu(text.getString("menu.view"), null, theme, language),
                new Menu(text.getString("menu.help"), null, about));
        if (stage != null) {
            stage.setTitle(text.getString("window.title"));
        }
    }

    /** A menu entry with its mnemonic (the underscored letter) and, when given, Ctrl/Cmd + {@code key}. */
    private MenuItem item(String key, KeyCode shortcut, Runnable action) {
        MenuItem item = new MenuItem(text.getString(key));
        item.setMnemonicParsing(true);
        if (shortcut != null) {
            item.setAccelerator(new KeyCodeCombination(shortcut, KeyCombination.SHORTCUT_DOWN));
        }
        item.setOnAction(event -> action.run());
        return item;
    }

    /** Help > About, with the version of the server the panels show (asked now; ADMIN and DEVOPS may read it). */
    private void showAbout() {
        if (monitors.isEmpty()) {
            About.show(text, stage, text.getString("about.serverUnknown"));
            return;
        }
        NexusClient client = monitors.getFirst().client();
        background.run(() -> ServerInfo.of(client).version() + " (" + client.base().getAuthority() + ")",
                version -> About.show(text, stage, version), failure -> About.show(text, stage, failure.getMessage()));
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
        } catch (IOException e) {
            System.getLogger(ConsoleApp.class.getName()).log(System.Logger.Level.WARNING, "could not delete the remembered sign-in: " + e.getMessage());
        }
    }

    private void remember(NexusClient client) {
        try {
            session.save(client.base().toString(), client.refreshToken());
        } catch (IOException e) {
            System.getLogger(ConsoleApp.class.getName()).log(System.Logger.Level.WARNING, "the sign-in could not be remembered: " + e.getMessage());
        }
    }

    private void applyTheme() {
        Application.setUserAgentStylesheet(shell.darkProperty().get() ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
    }

    /** Stops what the views run: redraws, a streaming answer, a followed log, timers. */
    private void closeViews() {
        if (dashboard != null) {
            monitors.forEach(monitor -> monitor.onChange(() -> { }));
        }
        if (chat != null) {
            chat.close();
            chat = null;
        }
        if (diagnostics != null) {
            diagnostics.close();
            diagnostics = null;
        }
        if (troubleshooting != null) {
            troubleshooting.close();
            troubleshooting = null;
        }
    }

    @Override
    public void stop() {
        // hide every window (notification popups too) before the toolkit goes: exiting with a ControlsFX
        // notification open crashed the JVM (platform-facts)
        for (javafx.stage.Window window : List.copyOf(javafx.stage.Window.getWindows())) {
            window.hide();
        }
        closeViews();
        for (Monitor monitor : monitors) {
            monitor.close();
        }
        if (rememberSignIn) {
            remember(monitors.getFirst().client()); // the newest refresh token: the server rotated the one saved at sign-in
        }
        if (localServer != null) {
            localServer.close();
        }
        background.close();
    }
}
