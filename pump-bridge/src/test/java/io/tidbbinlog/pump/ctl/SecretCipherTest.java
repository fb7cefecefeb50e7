package io.tidbbinlog.pump.ctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** TiDB Binlog's password encryption (binlog:pkg/encrypt/encrypt.go). */
class SecretCipherTest {

    /**
     * A ciphertext produced by PingCAP's tool with the built-in key: {@code dmctl encrypt 'abc!@#123'} prints it in
     * pingcap/docs dm/dm-manage-source.md (9590b4af65fec4283fdab7de3e408ef6db0cd3fe). DM's encrypt package has the
     * same default key and layout as TiDB Binlog's, so TiDB Binlog's drainer decrypts it to the same text.
     */
    private static final String DOCUMENTED_CIPHERTEXT = "MKxn0Qo3m3XOyjCnhEMtsUCm83EhGQDZ/T4=";

    @Test
    void theBuiltInKeyDecryptsPingCapsDocumentedCiphertext() {
        assertEquals("abc!@#123", SecretCipher.withDefaultKey().decrypt(DOCUMENTED_CIPHERTEXT));
    }

    @Test
    void theLayoutIsIvThenAtSignThenAsManyBytesAsThePlaintext() {
        byte[] raw = Base64.getDecoder().decode(SecretCipher.withDefaultKey().encrypt("a plain text"));

        assertEquals(16 + 1 + "a plain text".length(), raw.length);
        assertEquals('@', raw[16]);
    }

    @Test
    void encryptingWithTheDocumentedIvGivesTheDocumentedCiphertext() {
        byte[] iv = java.util.Arrays.copyOf(Base64.getDecoder().decode(DOCUMENTED_CIPHERTEXT), 16);
        assertEquals(DOCUMENTED_CIPHERTEXT, SecretCipher.withDefaultKey().encrypt("abc!@#123", iv));
    }

    @Test
    void roundTripWithARandomIvEachTime() {
        SecretCipher cipher = SecretCipher.withDefaultKey();
        String first = cipher.encrypt("a plain text");
        String second = cipher.encrypt("a plain text");

        assertNotEquals(first, second);
        assertEquals("a plain text", cipher.decrypt(first));
        assertEquals("a plain text", cipher.decrypt(second));
    }

    @Test
    void theKeyComesFromBinlogSecretKeyInHex() {
        String hex = "00112233445566778899aabbccddeeff";
        SecretCipher fromEnv = SecretCipher.fromEnvironment(Map.of("BINLOG_SECRET_KEY", hex));
        String ciphertext = fromEnv.encrypt("secret");

        assertFalse(fromEnv.usesDefaultKey());
        assertEquals("secret", SecretCipher.withKey(HexFormat.of().parseHex(hex)).decrypt(ciphertext));
        assertNotEquals("secret", SecretCipher.withDefaultKey().decrypt(ciphertext));
        assertTrue(SecretCipher.fromEnvironment(Map.of("BINLOG_SECRET_KEY", "")).usesDefaultKey());
    }

    @Test
    void keysMustBe16Or24Or32Bytes() {
        SecretCipher.withKey(new byte[24]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SecretCipher.fromEnvironment(Map.of("BINLOG_SECRET_KEY", "0011223344")));
        assertTrue(e.getMessage().contains("BINLOG_SECRET_KEY"), e.getMessage());
        assertTrue(e.getMessage().contains("16, 24 or 32 bytes, not 5"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> SecretCipher.fromEnvironment(Map.of("BINLOG_SECRET_KEY", "not hex")));
    }

    @Test
    void malformedCiphertextsAreRefused() {
        SecretCipher cipher = SecretCipher.withDefaultKey();
        byte[] raw = Base64.getDecoder().decode(cipher.encrypt("a plain text"));
        raw[16] = 'x';

        assertThrows(IllegalArgumentException.class, () -> cipher.decrypt(Base64.getEncoder().encodeToString(raw)));
        assertThrows(IllegalArgumentException.class, () -> cipher.decrypt(Base64.getEncoder().encodeToString(new byte[16])));
        assertThrows(IllegalArgumentException.class, () -> cipher.decrypt("not base64!"));
    }
}
