package io.tidbbinlog.testservices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EtcdServerTest {

    @Test
    void killNineThenStartServesTheSameDataOnTheSamePort() throws Exception {
        try (EtcdServer etcd = EtcdServer.launch()) {
            String url = etcd.clientUrl();
            put(url, "/harness/k", "v1");
            long pid = etcd.pid();

            etcd.kill();
            assertFalse(etcd.isRunning());
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
            assertFalse(accepts(etcd.clientPort()), "nothing listens while etcd is down");

            etcd.start();
            assertEquals(url, etcd.clientUrl());
            assertEquals("v1", get(url, "/harness/k"));
        }
    }

    @Test
    void closeEndsTheProcessAndDeletesItsDirectory() {
        EtcdServer etcd = EtcdServer.launch();
        long pid = etcd.pid();
        Path dir = etcd.workDir();
        assertTrue(Files.isDirectory(dir.resolve("data")));

        etcd.close();
        etcd.close();

        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        assertFalse(Files.exists(dir));
        assertThrows(IllegalStateException.class, etcd::start);
    }

    @Test
    void aTakenPortMakesTheFirstStartRetryOnOtherPorts() throws IOException {
        try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             EtcdServer etcd = EtcdServer.launchPreferring(squatter.getLocalPort(), FreePorts.pick())) {
            assertNotEquals(squatter.getLocalPort(), etcd.clientPort());
            assertTrue(etcd.isRunning());
            assertTrue(etcd.logTail().contains("address already in use"), etcd.logTail());
        }
    }

    @Test
    void theSharedServerIsOneRunningInstance() {
        EtcdServer shared = EtcdServer.shared();
        assertTrue(shared.isRunning());
        assertTrue(shared == EtcdServer.shared());
    }

    @Test
    void aMissingBinaryNamesTheDebianPackages() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ServerProcess.requireBinary("no-such-binary-for-tidb-binlog-tests"));
        assertTrue(e.getMessage().contains("apt-get install mariadb-server etcd-server etcd-client"), e.getMessage());
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void put(String url, String key, String value) throws Exception {
        try (Client client = Client.builder().endpoints(url).build()) {
            client.getKVClient().put(bytes(key), bytes(value)).get(10, TimeUnit.SECONDS);
        }
    }

    private static String get(String url, String key) throws Exception {
        try (Client client = Client.builder().endpoints(url).build()) {
            return client.getKVClient().get(bytes(key)).get(10, TimeUnit.SECONDS)
                    .getKvs().get(0).getValue().toString(StandardCharsets.UTF_8);
        }
    }

    private static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }
}
