package io.tidbbinlog.codec;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Go's {@code strconv.AppendFloat(f, 'f'|'e', -1, 64)} (shortest digits that read back as the same double), with
 * TiDB's JSON rules on top: exponent form below 1e-15 and from 1e15 up, no {@code +} and no leading exponent zero,
 * and {@code .0} appended to integral values in plain form.
 */
final class GoFloatFormat {
    private static final MathContext STICKY_DIGITS = new MathContext(26, RoundingMode.DOWN);

    private GoFloatFormat() {
    }

    static void appendJsonFloat(StringBuilder sb, double f) {
        if (f == 0) {
            sb.append((Double.doubleToRawLongBits(f) < 0) ? "-0.0" : "0.0");
            return;
        }
        double abs = Math.abs(f);
        String[] de = shortest(abs);
        String digits = de[0];
        int pointPos = Integer.parseInt(de[1]); // value = 0.digits * 10^pointPos
        if (f < 0) {
            sb.append('-');
        }
        if (abs < 1e-15 || abs >= 1e15) {
            sb.append(digits.charAt(0));
            if (digits.length() > 1) {
                sb.append('.').append(digits, 1, digits.length());
            }
            int exp = pointPos - 1;
            sb.append('e');
            if (exp < 0) {
                sb.append('-');
                exp = -exp;
            }
            sb.append(exp);
            return;
        }
        int mark = sb.length();
        if (pointPos <= 0) {
            sb.append("0.");
            for (int i = 0; i < -pointPos; i++) {
                sb.append('0');
            }
            sb.append(digits);
        } else if (pointPos >= digits.length()) {
            sb.append(digits);
            for (int i = digits.length(); i < pointPos; i++) {
                sb.append('0');
            }
        } else {
            sb.append(digits, 0, pointPos).append('.').append(digits, pointPos, digits.length());
        }
        if (sb.indexOf(".", mark) < 0) {
            sb.append(".0");
        }
    }

    /**
     * Shortest round-tripping decimal digits of a positive finite double: {digits, decimal point position}.
     *
     * <p>For each length the nearest decimal is tried first. The gap below a power of two is half the gap above it,
     * so that nearest decimal can fall outside the values that read back while its neighbour above is inside; Go's
     * shortest formatting takes that neighbour, and so does this.
     */
    static String[] shortest(double v) {
        // 26 significant digits plus a sticky digit round to 17 or fewer exactly as the full value would, without
        // carrying the up to 767 digits of a subnormal's exact value through every rounding.
        BigDecimal exact = new BigDecimal(v);
        BigDecimal approx = exact.round(STICKY_DIGITS);
        if (approx.compareTo(exact) != 0) {
            approx = approx.add(approx.ulp().movePointLeft(1));
        }
        // A length that works also works with one digit more, so scan down from a length known to work (Java's
        // own text reads back) and stop at the first length that does not.
        BigDecimal found = null;
        for (int p = Math.min(17, significantDigits(Double.toString(v))); p >= 1; p--) {
            BigDecimal fits = fitting(approx, p, v);
            if (fits == null) {
                break;
            }
            found = fits;
        }
        if (found == null) {
            found = fitting(approx, 17, v); // never reached: Java's text always reads back
        }
        BigDecimal r = found.stripTrailingZeros();
        String digits = r.unscaledValue().toString();
        int pointPos = digits.length() - r.scale();
        return new String[] {digits, Integer.toString(pointPos)};
    }

    /**
     * A {@code p}-digit decimal that reads back as {@code v}, or null. Only the nearest one and, when it lies below,
     * the next one up can: the gap above a double is never smaller than the gap below.
     */
    private static BigDecimal fitting(BigDecimal approx, int p, double v) {
        BigDecimal r = approx.round(new MathContext(p, RoundingMode.HALF_EVEN));
        if (readsBack(r, v)) {
            return r;
        }
        if (r.compareTo(approx) < 0) {
            BigDecimal up = r.add(r.ulp());
            if (readsBack(up, v)) {
                return up;
            }
        }
        return null;
    }

    private static int significantDigits(String javaText) {
        int n = 0;
        int pendingZeros = 0;
        boolean started = false;
        for (int i = 0; i < javaText.length(); i++) {
            char c = javaText.charAt(i);
            if (c == 'E') {
                break;
            }
            if (c < '0' || c > '9') {
                continue;
            }
            if (c == '0') {
                if (started) {
                    pendingZeros++;
                }
            } else {
                started = true;
                n += pendingZeros + 1;
                pendingZeros = 0;
            }
        }
        return Math.max(1, n);
    }

    /** Java's parser rounds to nearest, ties to even, as Go's ParseFloat does. */
    private static boolean readsBack(BigDecimal d, double v) {
        return Double.parseDouble(d.toString()) == v;
    }
}
