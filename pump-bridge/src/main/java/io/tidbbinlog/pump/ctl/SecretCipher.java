package io.tidbbinlog.pump.ctl;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The password encryption of TiDB Binlog (binlog:pkg/encrypt/encrypt.go), which drainer's
 * {@code encrypted_password} settings are decrypted with: AES in CFB mode (full 128-bit feedback, as Go's
 * {@code cipher.NewCFBEncrypter}), a random 16-byte IV, and the text {@code base64(IV ‖ '@' ‖ ciphertext)}
 * (standard alphabet, padded). The key is the hex of environment variable {@code BINLOG_SECRET_KEY} (16, 24 or 32
 * bytes), else TiDB Binlog's built-in default key. Immutable; safe to share.
 */
public final class SecretCipher {

    public static final String KEY_VARIABLE = "BINLOG_SECRET_KEY";

    /** The key every TiDB Binlog build uses when {@code BINLOG_SECRET_KEY} is not set. */
    static final byte[] DEFAULT_KEY = HexFormat.of()
            .parseHex("a529b7665997f043a30ac8fadcb51d6aa032c226ab5b7750530b12b8c1a16a48");

    private static final int IV_LENGTH = 16;
    private static final byte SEPARATOR = '@';
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] key;
    private final boolean defaultKey;

    private SecretCipher(byte[] key, boolean defaultKey) {
        this.key = key.clone();
        this.defaultKey = defaultKey;
    }

    public static SecretCipher withKey(byte[] key) {
        if (key.length != 16 && key.length != 24 && key.length != 32) {
            throw new IllegalArgumentException("secret key must be 16, 24 or 32 bytes, not " + key.length);
        }
        return new SecretCipher(key, false);
    }

    public static SecretCipher withDefaultKey() {
        return new SecretCipher(DEFAULT_KEY, true);
    }

    /** From {@code BINLOG_SECRET_KEY} when set and non-empty (hex), else the default key. */
    public static SecretCipher fromEnvironment(Map<String, String> environment) {
        String hex = environment.get(KEY_VARIABLE);
        if (hex == null || hex.isEmpty()) {
            return withDefaultKey();
        }
        byte[] key;
        try {
            key = HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(KEY_VARIABLE + " is not hexadecimal: " + e.getMessage(), e);
        }
        try {
            return withKey(key);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(KEY_VARIABLE + ": " + e.getMessage(), e);
        }
    }

    /** Whether this cipher uses the built-in key (binlogctl warns about it). */
    public boolean usesDefaultKey() {
        return defaultKey;
    }

    public String encrypt(String plaintext) {
        byte[] iv = new byte[IV_LENGTH];
        RANDOM.nextBytes(iv);
        return encrypt(plaintext, iv);
    }

    /** With a chosen IV, for tests; {@link #encrypt(String)} draws a random one. */
    String encrypt(String plaintext, byte[] iv) {
        byte[] encrypted = crypt(Cipher.ENCRYPT_MODE, iv, plaintext.getBytes(StandardCharsets.UTF_8));
        byte[] out = new byte[IV_LENGTH + 1 + encrypted.length];
        System.arraycopy(iv, 0, out, 0, IV_LENGTH);
        out[IV_LENGTH] = SEPARATOR;
        System.arraycopy(encrypted, 0, out, IV_LENGTH + 1, encrypted.length);
        return Base64.getEncoder().encodeToString(out);
    }

    /** @throws IllegalArgumentException when the text is not base64 or not IV, '@', ciphertext */
    public String decrypt(String base64) {
        byte[] in;
        try {
            in = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ciphertext is not base64: " + e.getMessage(), e);
        }
        if (in.length < IV_LENGTH + 1 || in[IV_LENGTH] != SEPARATOR) {
            throw new IllegalArgumentException("ciphertext not valid: expected a 16-byte IV and '@' before the data");
        }
        byte[] iv = Arrays.copyOfRange(in, 0, IV_LENGTH);
        byte[] plain = crypt(Cipher.DECRYPT_MODE, iv, Arrays.copyOfRange(in, IV_LENGTH + 1, in.length));
        return new String(plain, StandardCharsets.UTF_8);
    }

    private byte[] crypt(int mode, byte[] iv, byte[] input) {
        try {
            // CFB without a bit count is CFB128 in the JDK, the mode of Go's cipher.NewCFBEncrypter
            Cipher cipher = Cipher.getInstance("AES/CFB/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CFB is not available: " + e, e);
        }
    }
}
