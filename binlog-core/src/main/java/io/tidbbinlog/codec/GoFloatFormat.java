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

    /** Shortest round-tripping decimal digits of a positive finite double: {digits, decimal point position}. */
    static String[] shortest(double v) {
        BigDecimal exact = new BigDecimal(v);
        // Double.toString is at most one digit longer than the shortest on Java 17; start there and shrink.
        int upper = significantDigits(Double.toString(v));
        int best = upper;
        for (int p = upper - 1; p >= 1; p--) {
            if (exact.round(new MathContext(p, RoundingMode.HALF_EVEN)).doubleValue() == v) {
                best = p;
            } else {
                break;
            }
        }
        BigDecimal r = exact.round(new MathContext(best, RoundingMode.HALF_EVEN));
        if (r.doubleValue() != v) {
            // Defensive: widen until it reads back (never expected).
            for (int p = best + 1; p <= 17; p++) {
                r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
                if (r.doubleValue() == v) {
                    break;
                }
            }
        }
        r = r.stripTrailingZeros();
        String digits = r.unscaledValue().toString();
        int pointPos = digits.length() - r.scale();
        return new String[] {digits, Integer.toString(pointPos)};
    }

    private static int significantDigits(String javaRepr) {
        int e = javaRepr.indexOf('E');
        String mant = e >= 0 ? javaRepr.substring(0, e) : javaRepr;
        StringBuilder d = new StringBuilder();
        for (int i = 0; i < mant.length(); i++) {
            char c = mant.charAt(i);
            if (c >= '0' && c <= '9') {
                d.append(c);
            }
        }
        int s = 0;
        while (s < d.length() - 1 && d.charAt(s) == '0') {
            s++;
        }
        int t = d.length();
        while (t > s + 1 && d.charAt(t - 1) == '0') {
            t--;
        }
        return Math.max(1, Math.min(17, t - s));
    }
}
