package io.tidbbinlog.pump.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidbbinlog.pd.TlsFiles;
import io.tidbbinlog.testservices.TestCertificates;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Pump's configuration as binlog:pump/config.go reads it (flags, file, environment, defaults, checks). Several
 * cases are Pump's own (binlog:pump/config_test.go); the two sample files are quoted verbatim in
 * src/test/resources/io/tidbbinlog/pump/config: {@code cmd-pump.toml} is binlog:cmd/pump/pump.toml at
 * pingcap/tidb-binlog ec3adceb8b94f44ab7cddaea4056d500f54d940f, {@code tutorial-pump.toml} is the pump.toml
 * the TiDB Binlog tutorial writes (pingcap/docs get-started-with-tidb-binlog.md at
 * 1d549cb5bf8e1bd4e4dc17ad0c17ba885dbe1801, "Expected output" of the configuration step).
 */
class PumpConfigLoaderTest {

    private static final String HOST = "10.1.2.3";

    @TempDir
    Path dir;

    private static PumpConfigLoader loader(Map<String, String> env) {
        return new PumpConfigLoader(env, HOST);
    }

    private static PumpConfig load(String... args) {
        return loader(Map.of()).loadConfig(Arrays.asList(args));
    }

    private Path file(String toml) throws IOException {
        Path path = Files.createTempFile(dir, "pump", ".toml");
        Files.writeString(path, toml);
        return path;
    }

    private Path resource(String name) throws IOException {
        Path path = dir.resolve(name);
        try (InputStream in = getClass().getResourceAsStream(name)) {
            Files.copy(in, path);
        }
        return path;
    }

    private static String error(Runnable action) {
        return assertThrows(IllegalArgumentException.class, action::run).getMessage();
    }

    private static void assertContains(String expected, String actual) {
        assertTrue(actual.contains(expected), () -> "expected <" + expected + "> in <" + actual + ">");
    }

    @Nested
    class SampleFiles {

        @Test
        void theTutorialsPumpTomlGivesItsAddressesDirectoryAndLogFile() throws IOException {
            PumpConfig config = load("-config", resource("tutorial-pump.toml").toString());

            assertEquals("127.0.0.1:8250", config.addr());
            assertEquals("127.0.0.1:8250", config.advertiseAddr());
            assertEquals(Path.of("pump.data"), config.dataDir());
            assertEquals("pump.log", config.logFile());
            assertEquals("http://127.0.0.1:2379", config.pdUrls());
            assertEquals(Duration.ofDays(7), config.gc());
        }

        @Test
        void pumpsSampleFileAdvertisesItsListenAddressAndKeepsSevenDays() throws IOException {
            PumpConfig config = load("--config=" + resource("cmd-pump.toml"));

            assertEquals("127.0.0.1:8250", config.addr());
            assertEquals("127.0.0.1:8250", config.advertiseAddr(), "advertise-addr = \"\" falls back to addr");
            assertEquals(Duration.ofDays(7), config.gc());
            assertEquals(Path.of("data.pump"), config.dataDir());
            assertEquals(Duration.ofSeconds(2), config.heartbeatInterval());
            assertEquals("http://127.0.0.1:2379", config.pdUrls());
            assertTrue(config.syncLog());
            assertEquals(10L << 30, config.stopWriteAtAvailableSpace());
            assertNull(config.tls());
        }
    }

    @Nested
    class Defaults {

        @Test
        void everySettingHasPumpsDefault() {
            PumpConfig config = load();

            assertEquals("", config.nodeId());
            assertEquals(HOST + ":8250", config.addr(), "the first non-loopback IPv4 address, port 8250");
            assertEquals(HOST + ":8250", config.advertiseAddr());
            assertEquals("", config.socket());
            assertEquals("http://127.0.0.1:2379", config.pdUrls());
            assertEquals("", config.etcdUrls());
            assertEquals("http://127.0.0.1:2379", config.registryUrls());
            assertEquals(List.of(), config.tidbStatusUrls());
            assertEquals(Path.of("data.pump"), config.dataDir());
            assertEquals(Duration.ofSeconds(2), config.heartbeatInterval());
            assertEquals(Duration.ofDays(7), config.gc());
            assertEquals(Duration.ofSeconds(3), config.genBinlogInterval());
            assertEquals(Integer.MAX_VALUE - (4 << 20), config.maxMessageSize());
            assertEquals("", config.logFile());
            assertEquals("info", config.logLevel());
            assertTrue(config.syncLog());
            assertEquals(10L * 1024 * 1024 * 1024, config.stopWriteAtAvailableSpace());
            assertEquals(Duration.ofSeconds(1), config.slowWriteThreshold());
            assertNull(config.tls());
            assertEquals(List.of(), config.certAllowedCn());
            assertEquals("", config.metricsAddr());
            assertEquals(Duration.ofSeconds(15), config.metricsInterval());
        }

        @Test
        void withoutANonLoopbackAddressPumpListensOnLoopback() {
            PumpConfig config = new PumpConfigLoader(Map.of(), DefaultIp.FALLBACK).loadConfig(List.of());

            assertEquals("127.0.0.1:8250", config.addr());
            assertEquals("127.0.0.1:8250", config.advertiseAddr());
        }

        @Test
        void anEmptyAddrMeansLoopbackAndEmptyDataDirMeansDataPump() throws IOException {
            PumpConfig config = load("-config", file("addr = \"\"\ndata-dir = \"\"\n").toString());

            assertEquals("127.0.0.1:8250", config.addr());
            assertEquals(Path.of("data.pump"), config.dataDir());
        }

        @Test
        void aZeroHeartbeatIntervalMeansTheDefault() {
            assertEquals(Duration.ofSeconds(2), load("-heartbeat-interval", "0").heartbeatInterval());
        }

        @Test
        void theDefaultIpIsAnIpv4AddressThatIsNotLoopbackOrTheFallback() {
            String ip = DefaultIp.find();
            assertTrue(ip.matches("\\d+\\.\\d+\\.\\d+\\.\\d+"), ip);
            assertTrue(ip.equals(DefaultIp.FALLBACK) || !ip.startsWith("127."), ip);
        }
    }

    @Nested
    class Precedence {

        /** binlog:pump/config_test.go TestConfigParsingCmdLineFlags. */
        @Test
        void flagsInEveryGoSpelling() {
            PumpConfig config = load("--addr", "192.168.199.100:8260",
                    "--pd-urls", "http://192.168.199.110:2379,http://hostname:2379",
                    "--data-dir=/tmp/pump", "--heartbeat-interval=1500", "-L", "debug");

            assertEquals("192.168.199.100:8260", config.addr());
            assertEquals("192.168.199.100:8260", config.advertiseAddr());
            assertEquals("http://192.168.199.110:2379,http://hostname:2379", config.pdUrls());
            assertEquals(Path.of("/tmp/pump"), config.dataDir());
            assertEquals(Duration.ofSeconds(1500), config.heartbeatInterval());
            assertEquals("debug", config.logLevel());
        }

        /** binlog:pump/config_test.go TestConfigParsingEnvFlags: a flag given on the command line beats its variable. */
        @Test
        void environmentFillsOnlyFlagsNotGiven() {
            PumpConfig config = loader(Map.of(
                    "PUMP_ADDR", "192.168.199.200:9000",
                    "PUMP_PD_URLS", "http://127.0.0.1:2379,http://localhost:2379",
                    "PUMP_DATA_DIR", "/tmp/pump"))
                    .loadConfig(List.of("--addr", "192.168.199.100:8260",
                            "-pd-urls", "http://192.168.199.110:2379,http://hostname:2379",
                            "-heartbeat-interval=1500", "-L", "debug"));

            assertEquals("192.168.199.100:8260", config.addr());
            assertEquals("http://192.168.199.110:2379,http://hostname:2379", config.pdUrls());
            assertEquals(Path.of("/tmp/pump"), config.dataDir());
            assertEquals(Duration.ofSeconds(1500), config.heartbeatInterval());
        }

        @Test
        void environmentVariablesAreNamedAfterFlagsNotTomlKeys() {
            PumpConfig config = loader(Map.of("PUMP_L", "warn", "PUMP_FAKE_BINLOG_INTERVAL", "9",
                    "PUMP_GEN_BINLOG_INTERVAL", "100", "PUMP_ETCD_URLS", "http://10.0.0.9:2379"))
                    .loadConfig(List.of());

            assertEquals("warn", config.logLevel());
            assertEquals(Duration.ofSeconds(9), config.genBinlogInterval());
            assertEquals("http://10.0.0.9:2379", config.registryUrls());
        }

        @Test
        void fileBeatsDefaultsEnvironmentBeatsFileAndFlagsBeatBoth() throws IOException {
            Path toml = file("""
                    addr = "10.0.0.1:8250"
                    data-dir = "/from/file"
                    gc = 5
                    log-level = "error"
                    """);
            PumpConfig config = loader(Map.of("PUMP_DATA_DIR", "/from/env", "PUMP_GC", "6"))
                    .loadConfig(List.of("-config", toml.toString(), "-gc", "3"));

            assertEquals("10.0.0.1:8250", config.addr(), "file over the flag default");
            assertEquals(Path.of("/from/env"), config.dataDir(), "environment over the file");
            assertEquals(Duration.ofDays(3), config.gc(), "command line over environment and file");
            assertEquals("error", config.logLevel(), "log-level key of the file, as flag -L is not given");
        }

        @Test
        void theEnvironmentCannotNameTheConfigFileBecausePumpReadsItAfterTheFile() throws IOException {
            Path toml = file("data-dir = \"/from/file\"\n");
            PumpConfig config = loader(Map.of("PUMP_CONFIG", toml.toString())).loadConfig(List.of());

            assertEquals(Path.of("data.pump"), config.dataDir());
        }

        @Test
        void theLastOccurrenceOfAFlagWins() {
            assertEquals(Path.of("/b"), load("-data-dir", "/a", "--data-dir=/b").dataDir());
        }

        @Test
        void aBadEnvironmentValueNamesTheVariable() {
            String message = error(() -> loader(Map.of("PUMP_HEARTBEAT_INTERVAL", "often")).loadConfig(List.of()));
            assertContains("PUMP_HEARTBEAT_INTERVAL", message);
            assertContains("often", message);
        }

        @Test
        void emptyEnvironmentValuesAreIgnored() {
            assertEquals(Path.of("data.pump"), loader(Map.of("PUMP_DATA_DIR", "")).loadConfig(List.of()).dataDir());
        }
    }

    @Nested
    class CommandLine {

        @Test
        void versionFlagAsksToPrintTheVersion() {
            PumpLaunch launch = loader(Map.of()).load(List.of("-V"));

            PumpLaunch.PrintAndExit print = assertInstanceOf(PumpLaunch.PrintAndExit.class, launch);
            assertEquals(0, print.exitCode());
            assertEquals(false, print.toStandardError());
            assertTrue(print.text().startsWith("Release Version: "), print.text());
        }

        @Test
        void versionFlagSetToFalseRuns() {
            assertInstanceOf(PumpLaunch.Run.class, loader(Map.of()).load(List.of("-V=false")));
        }

        @Test
        void helpPrintsTheFlags() {
            PumpLaunch.PrintAndExit print = assertInstanceOf(PumpLaunch.PrintAndExit.class,
                    loader(Map.of()).load(List.of("-h")));
            assertTrue(print.toStandardError());
            assertContains("-pd-urls string", print.text());
            assertContains("(default \"http://127.0.0.1:2379\")", print.text());
        }

        @Test
        void anUnknownFlagIsNamed() {
            assertEquals("flag provided but not defined: -no-such-flag", error(() -> load("--no-such-flag=1")));
        }

        @Test
        void aBooleanDoesNotTakeTheNextArgument() {
            assertEquals("'false' is not a valid flag", error(() -> load("-enable-debug", "false")));
        }

        @Test
        void versionIsPrintedBeforeStrayArgumentsAreChecked() {
            // Pump tests printVersion right after the first parse, before it looks at leftover arguments
            assertInstanceOf(PumpLaunch.PrintAndExit.class, loader(Map.of()).load(List.of("-V", "false")));
        }

        /** Pump exits with 2 and its usage when flags do not parse, with 1 (log.Fatal) for any other setting. */
        @Test
        void parseErrorsAndSettingErrorsAreDistinguished() {
            assertThrows(GoFlagException.class, () -> load("-nope"));
            assertThrows(PumpConfigException.class, () -> load("stray"));
            assertThrows(PumpConfigException.class, () -> load("-gc", "0"));
            assertThrows(PumpConfigException.class,
                    () -> loader(Map.of("PUMP_HEARTBEAT_INTERVAL", "x")).loadConfig(List.of()));
        }

        @Test
        void aStrayArgumentIsRefused() {
            assertEquals("'extra' is not a valid flag", error(() -> load("-addr", "10.0.0.1:8250", "extra")));
        }

        @Test
        void aFlagWithoutItsValueIsNamed() {
            assertEquals("flag needs an argument: -addr", error(() -> load("-addr")));
        }

        @Test
        void anIntegerFlagWithTextIsNamed() {
            String message = error(() -> load("-heartbeat-interval", "2s"));
            assertContains("-heartbeat-interval", message);
            assertContains("\"2s\"", message);
        }

        @Test
        void deprecatedFlagsAreAcceptedAndIgnored() {
            PumpConfig config = load("-binlog-file-size", "1024", "-enable-binlog-slice", "-binlog-slice-size=5",
                    "-log-rotate", "day");
            assertEquals(load(), config);
        }

        @Test
        void maxMessageSizeAndEnableDebugAreFlags() {
            assertEquals(1 << 20, load("-max-message-size", "1048576", "-enable-debug").maxMessageSize());
        }

        @Test
        void ourAdditionsAreFlagsToo() {
            PumpConfig config = load("-etcd-urls", "http://10.0.0.5:2379",
                    "-tidb-status-urls", "http://10.0.0.6:10080, http://10.0.0.7:10080");
            assertEquals("http://10.0.0.5:2379", config.registryUrls());
            assertEquals(List.of("http://10.0.0.6:10080", "http://10.0.0.7:10080"), config.tidbStatusUrls());
        }
    }

    @Nested
    class GcForms {

        @ParameterizedTest
        @CsvSource({"7, PT168H", "1, PT24H", "8h, PT8H", "30m, PT30M", "1h30m, PT1H30M", "1.5h, PT1H30M",
                "90s, PT1M30S", "500ms, PT0.5S"})
        void gcIsDaysOrAGoDuration(String gc, String expected) {
            assertEquals(Duration.parse(expected), load("-gc", gc).gc());
        }

        /** binlog:pump/config_test.go TestConfigParsingIntegerDuration / TestConfigParsingStringDuration. */
        @Test
        void gcInTheFileIsAnIntegerOrAString() throws IOException {
            assertEquals(Duration.ofDays(5), load("-config", file("gc = 5\n").toString()).gc());
            assertEquals(Duration.ofMinutes(30), load("-config", file("gc = \"30m\"\n").toString()).gc());
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "0h", "-1", "-1h", "7d", "seven", "", "1.5"})
        void gcMustBeAPositiveRetention(String gc) {
            String message = error(() -> load("-gc", gc));
            assertContains("invalid gc \"" + gc + "\"", message);
        }

        @Test
        void aFractionalNumberOfDaysInTheFileIsRefusedAsPumpDoes() throws IOException {
            Path toml = file("gc = 1.5\n");
            assertContains("invalid gc \"1.500000\"", error(() -> load("-config", toml.toString())));
        }
    }

    @Nested
    class Storage {

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "\"10 gib\"|10737418240",
                "\"42 MB\"|42000000",
                "\"42 mib\"|44040192",
                "42000000|42000000",
                "\"42000000\"|42000000",
                "\"1,005.03 MB\"|1005030000",
                "\"1.5 KiB\"|1536",
                "\"2G\"|2000000000",
                "\"\"|0"})
        void stopWriteAtAvailableSpaceTakesHumanizedSizes(String toml, long bytes) throws IOException {
            Path file = file("[storage]\nstop-write-at-available-space = " + toml + "\n");
            assertEquals(bytes, load("-config", file.toString()).stopWriteAtAvailableSpace());
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"ten gib\"", "\"42 XB\"", "\"99 EiB\""})
        void aBadSizeIsNamed(String toml) throws IOException {
            Path file = file("[storage]\nstop-write-at-available-space = " + toml + "\n");
            String message = error(() -> load("-config", file.toString()));
            assertContains("stop-write-at-available-space", message);
            assertContains(file.toString(), message);
        }

        @Test
        void syncLogAndSlowWriteThreshold() throws IOException {
            Path file = file("[storage]\nsync-log = false\nslow_write_threshold = 0.25\n");
            PumpConfig config = load("-config", file.toString());
            assertEquals(false, config.syncLog());
            assertEquals(Duration.ofMillis(250), config.slowWriteThreshold());
        }

        @Test
        void aNonPositiveSlowWriteThresholdMeansOneSecond() throws IOException {
            Path file = file("[storage]\nslow_write_threshold = 0\n");
            assertEquals(Duration.ofSeconds(1), load("-config", file.toString()).slowWriteThreshold());
        }

        @Test
        void leveldbTuningAndChannelCapacityAreAcceptedAndIgnored() throws IOException {
            Path file = file("""
                    [storage]
                    kv_chan_cap = 1048576
                    [storage.kv]
                    block-cache-capacity = 8388608
                    block-restart-interval = 16
                    block-size = 4096
                    compaction-L0-trigger = 8
                    compaction-table-size = 67108864
                    compaction-total-size = 536870912
                    compaction-total-size-multiplier = 8.0
                    write-buffer = 67108864
                    write-L0-pause-trigger = 24
                    write-L0-slowdown-trigger = 17
                    """);
            assertEquals(load(), load("-config", file.toString()));
        }
    }

    @Nested
    class FileKeys {

        @Test
        void unknownKeysAreFatalAndNamedWithTheFile() throws IOException {
            Path toml = file("addr = \"127.0.0.1:8250\"\nunrecognized-option-test = true\n[storage]\nfoo = 1\n");
            String message = error(() -> load("-config", toml.toString()));

            assertEquals("component pump's config file " + toml + " contained unknown configuration options: "
                    + "unrecognized-option-test, storage.foo", message);
        }

        @Test
        void flagOnlyNamesAreUnknownInTheFile() throws IOException {
            Path toml = file("metrics-addr = \"127.0.0.1:9091\"\n");
            assertContains("unknown configuration options: metrics-addr", error(() -> load("-config", toml.toString())));
        }

        @Test
        void metricsKeysAreGoFieldNamesMatchedWithoutRegardToCase() throws IOException {
            Path toml = file("MetricsAddr = \"127.0.0.1:9091\"\nmetricsinterval = 30\nADDR = \"10.0.0.1:8250\"\n");
            PumpConfig config = load("-config", toml.toString());

            assertEquals("127.0.0.1:9091", config.metricsAddr());
            assertEquals(Duration.ofSeconds(30), config.metricsInterval());
            assertEquals("10.0.0.1:8250", config.addr());
        }

        @Test
        void ourAdditionsAreTopLevelKeys() throws IOException {
            Path toml = file("etcd-urls = \"http://10.0.0.5:2379,http://10.0.0.6:2379\"\n"
                    + "tidb-status-urls = \"http://10.0.0.7:10080\"\n");
            PumpConfig config = load("-config", toml.toString());

            assertEquals("http://10.0.0.5:2379,http://10.0.0.6:2379", config.registryUrls());
            assertEquals(List.of("http://10.0.0.7:10080"), config.tidbStatusUrls());
        }

        @Test
        void aValueOfTheWrongTypeNamesItsKey() throws IOException {
            Path toml = file("addr = 8250\n");
            String message = error(() -> load("-config", toml.toString()));
            assertContains("key addr must be a string, not integer 8250", message);
            assertContains(toml.toString(), message);

            Path toml2 = file("heartbeat-interval = \"2\"\n");
            assertContains("key heartbeat-interval must be an integer", error(() -> load("-config", toml2.toString())));
        }

        @Test
        void aMissingFileIsNamed() {
            Path missing = dir.resolve("absent.toml");
            assertContains("config file " + missing + " cannot be read", error(() -> load("-config", missing.toString())));
        }

        @Test
        void invalidTomlIsNamed() throws IOException {
            Path toml = file("addr = \n");
            assertContains("config file " + toml + " is not valid TOML", error(() -> load("-config", toml.toString())));
        }
    }

    @Nested
    class Validation {

        @ParameterizedTest
        @ValueSource(strings = {"0.0.0.0:8250", ":8250"})
        void advertiseAddrMustBeReachable(String advertise) {
            String message = error(() -> load("-addr", "10.0.0.1:8250", "-advertise-addr", advertise));
            assertContains("invalid advertise-addr \"" + advertise + "\"", message);
        }

        @Test
        void listeningOnAllInterfacesNeedsAnAdvertiseAddr() {
            assertContains("invalid advertise-addr \"0.0.0.0:8250\"", error(() -> load("-addr", "0.0.0.0:8250")));
            assertEquals("10.0.0.1:8250",
                    load("-addr", "0.0.0.0:8250", "-advertise-addr", "10.0.0.1:8250").advertiseAddr());
        }

        @Test
        void loopbackIsAValidAdvertiseAddr() {
            assertEquals("127.0.0.1:8250", load("-advertise-addr", "127.0.0.1:8250").advertiseAddr());
        }

        @Test
        void ipv6AddressesAreBracketed() {
            assertEquals("[::1]:8250", load("-addr", "[::1]:8250").advertiseAddr());
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "127.0.0.1|missing port",
                "http://127.0.0.1:8250|without a scheme",
                "127.0.0.1:port|invalid port",
                "127.0.0.1:70000|invalid port"})
        void addrMustBeHostAndPort(String addr, String reason) {
            String message = error(() -> load("-addr", addr));
            assertContains("addr \"" + addr + "\"", message);
            assertContains(reason, message);
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "127.0.0.1:2379|scheme must be http or https",
                "ftp://127.0.0.1:2379|scheme must be http or https",
                "http://127.0.0.1|host:port",
                "http://127.0.0.1:2379/pd|must not contain a path",
                "http://127.0.0.1:2379,|scheme must be http or https"})
        void pdUrlsMustBeUrlsWithHostAndPort(String urls, String reason) {
            String message = error(() -> load("-pd-urls", urls));
            assertContains("invalid pd-urls \"" + urls + "\"", message);
            assertContains(reason, message);
        }

        @Test
        void etcdUrlsAreCheckedLikePdUrls() {
            assertContains("invalid etcd-urls", error(() -> load("-etcd-urls", "10.0.0.1:2379")));
        }

        @Test
        void tidbStatusUrlsMustBeHttpUrls() {
            assertContains("invalid tidb-status-urls entry \"10.0.0.1:10080\"",
                    error(() -> load("-tidb-status-urls", "10.0.0.1:10080")));
        }

        @ParameterizedTest
        @CsvSource({"heartbeat-interval, -1", "fake-binlog-interval, 0", "fake-binlog-interval, -3",
                "max-message-size, 0"})
        void intervalsAndSizesMustBePositive(String flag, String value) {
            String message = error(() -> load("-" + flag, value));
            assertContains(flag, message);
            assertContains(value + ": must be greater than 0", message);
        }

        @Test
        void genBinlogIntervalFromTheFileIsNamed() throws IOException {
            Path toml = file("gen-binlog-interval = 0\n");
            assertContains("invalid gen-binlog-interval", error(() -> load("-config", toml.toString())));
        }

        @Test
        void metricsIntervalZeroDisablesPushButNegativeIsRefused() {
            assertEquals(Duration.ZERO, load("-metrics-interval", "0").metricsInterval());
            assertContains("invalid metrics-interval -5", error(() -> load("-metrics-interval", "-5")));
        }

        @Test
        void logLevelMustBeKnown() {
            assertEquals("warn", load("-L", "WARN").logLevel());
            assertContains("invalid log-level (flag -L) \"verbose\"", error(() -> load("-L", "verbose")));
        }

        @Test
        void nodeIdMustNotContainASlash() {
            assertEquals("pump-1:8250", load("-node-id", "pump-1:8250").nodeId());
            assertContains("invalid node-id \"a/b\"", error(() -> load("-node-id", "a/b")));
        }

        @Test
        void socketIsAPath() {
            assertEquals("/tmp/pump.sock", load("-socket", "/tmp/pump.sock").socket());
            assertEquals("/tmp/pump.sock", load("-socket", "unix:///tmp/pump.sock").socket());
            assertContains("invalid socket \"pump.sock\"", error(() -> load("-socket", "pump.sock")));
        }
    }

    @Nested
    class Security {

        @Test
        void sslFilesAndAllowedCommonNames() throws IOException {
            TestCertificates certs = TestCertificates.shared();
            Path toml = file("[security]\n"
                    + "ssl-ca = \"" + certs.caCert() + "\"\n"
                    + "ssl-cert = \"" + certs.serverCert() + "\"\n"
                    + "ssl-key = \"" + certs.serverKey() + "\"\n"
                    + "cert-allowed-cn = [\"binlog\", \" tidb \"]\n");
            PumpConfig config = load("-config", toml.toString());

            assertEquals(new TlsFiles(certs.caCert(), certs.serverCert(), certs.serverKey()), config.tls());
            assertEquals(List.of("binlog", "tidb"), config.certAllowedCn());
        }

        @Test
        void emptySslSettingsMeanPlainText() throws IOException {
            Path toml = file("[security]\nssl-ca = \"\"\nssl-cert = \"\"\nssl-key = \"\"\ncert-allowed-cn = []\n");
            PumpConfig config = load("-config", toml.toString());
            assertNull(config.tls());
            assertEquals(List.of(), config.certAllowedCn());
        }

        @Test
        void aCertificateWithoutItsKeyIsRefusedNamingTheSection() throws IOException {
            TestCertificates certs = TestCertificates.shared();
            Path toml = file("[security]\nssl-ca = \"" + certs.caCert() + "\"\nssl-cert = \"" + certs.serverCert() + "\"\n");
            String message = error(() -> load("-config", toml.toString()));
            assertContains("[security]", message);
            assertContains("ssl-key", message);
        }

        @Test
        void anUnreadableCaIsNamed() throws IOException {
            Path toml = file("[security]\nssl-ca = \"/no/such/ca.pem\"\n");
            assertContains("/no/such/ca.pem", error(() -> load("-config", toml.toString())));
        }
    }

    @Nested
    class Flags {

        private final GoFlagSet set = new GoFlagSet("t").string("s", "d", "").integer("n", 1, "").bool("b", "");

        @ParameterizedTest
        @CsvSource({"10, 10", "0x1f, 31", "0o17, 15", "017, 15", "0b101, 5", "-7, -7", "+7, 7", "1_000, 1000"})
        void integersTakeGoBasePrefixes(String text, long value) {
            assertEquals(value, set.parse(List.of("-n", text)).integer("n"));
        }

        @ParameterizedTest
        @CsvSource({"-b, true", "-b=false, false", "--b=0, false", "-b=T, true"})
        void booleans(String arg, boolean value) {
            assertEquals(value, set.parse(List.of(arg)).bool("b"));
        }

        @Test
        void aStringValueMayStartWithADash() {
            assertEquals("-x", set.parse(List.of("-s", "-x")).string("s"));
        }

        @Test
        void doubleDashEndsTheFlags() {
            GoFlags flags = set.parse(List.of("-s", "v", "--", "-n", "2"));
            assertEquals(List.of("-n", "2"), flags.remaining());
            assertEquals(1, flags.integer("n"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"---s", "-=x"})
        void badSyntaxIsNamed(String arg) {
            assertEquals("bad flag syntax: " + arg, error(() -> set.parse(List.of(arg))));
        }

        @Test
        void environmentKeys() {
            assertEquals("PUMP_FAKE_BINLOG_INTERVAL", GoFlags.environmentKey("PUMP", "fake-binlog-interval"));
            List<String> used = new ArrayList<>();
            GoFlags flags = set.parse(List.of()).withEnvironment("T", Map.of("T_N", "5", "T_S", ""), used);
            assertEquals(5, flags.integer("n"));
            assertEquals(List.of("T_N"), used);
        }
    }
}
