package com.nexusai.desktop.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

class ConsoleOptionsTest {

    @Test
    void readsEveryOption() {
        ConsoleOptions options = ConsoleOptions.parse(List.of("--url=http://app1:8080,http://app2:8080", "--user=ops",
                "--password-file=/run/pw", "--lang=fr", "--theme=dark", "--refresh=1s", "--rules=/etc/rules.json", "--data-dir=/d"));
        assertThat(options.url()).hasValue("http://app1:8080,http://app2:8080");
        assertThat(options.unattended()).isTrue();
        assertThat(options.language()).hasValue(Locale.FRENCH);
        assertThat(options.dark()).hasValue(true);
        assertThat(options.refresh()).isEqualTo(Duration.ofSeconds(1));
        assertThat(options.rules()).hasValue(Path.of("/etc/rules.json"));
        assertThat(options.dataDir()).isEqualTo(Path.of("/d"));
        assertThat(options.local()).isFalse();
    }

    @Test
    void defaultsWhenNothingIsGiven() {
        ConsoleOptions options = ConsoleOptions.parse(List.of("--local"));
        assertThat(options.local()).isTrue();
        assertThat(options.url()).isEmpty();
        assertThat(options.unattended()).isFalse();
        assertThat(options.refresh()).isEqualTo(Duration.ofSeconds(2));
        assertThat(options.language()).isEmpty();
        assertThat(options.dark()).isEmpty();
    }

    @Test
    void refusesWhatItCannotUseWithTheReason() {
        assertThatThrownBy(() -> ConsoleOptions.parse(List.of("--refresh=fast"))).hasMessageContaining("--refresh must be seconds");
        assertThatThrownBy(() -> ConsoleOptions.parse(List.of("--refresh=0s"))).hasMessageContaining("between 1s and 60s");
        assertThatThrownBy(() -> ConsoleOptions.parse(List.of("--lang=de"))).hasMessageContaining("fr or en");
        assertThatThrownBy(() -> ConsoleOptions.parse(List.of("--theme=blue"))).hasMessageContaining("dark or light");
        assertThatThrownBy(() -> ConsoleOptions.parse(List.of("--urll=x"))).hasMessageContaining("unknown option '--urll=x'");
    }

    /** The .deb's man page (installers/desktop/deb) lists every option the console takes, so that it cannot drift. */
    @Test
    void theManualPageNamesEveryOption() throws Exception {
        String manual = java.nio.file.Files.readString(Path.of("../installers/desktop/deb/nexusai-console.1")).replace("\\-", "-");
        List<String> names = new picocli.CommandLine(new ConsoleCommand()).getCommandSpec().options().stream()
                .flatMap(option -> java.util.Arrays.stream(option.names())).toList();
        assertThat(names).contains("--url", "--local", "--help");
        assertThat(names).allSatisfy(name -> assertThat(manual).as("the manual page").contains("\\fB" + name + "\\fR"));
    }
}
