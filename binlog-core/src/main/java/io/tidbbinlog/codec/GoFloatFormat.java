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
    private static final BigDecimal TWO = BigDecimal.valueOf(2);

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
     * <p>A decimal reads back as {@code v} when it lies within half a gap of {@code v} on either side (the ends count
     * when the mantissa is even, as parsing rounds half to even). The gap below a power of two is half the gap above,
     * so the closest decimal with some number of digits can miss the interval while a neighbour above is inside; Go's
     * shortest formatting takes that neighbour, and so does this.
     */
    static String[] shortest(double v) {
        BigDecimal exact = new BigDecimal(v);
        BigDecimal low = exact.add(new BigDecimal(Math.nextDown(v))).divide(TWO);
        BigDecimal high = v == Double.MAX_VALUE
                ? exact.add(new BigDecimal(Math.ulp(v)).divide(TWO))
                : exact.add(new BigDecimal(Math.nextUp(v))).divide(TWO);
        boolean inclusive = (Double.doubleToRawLongBits(v) & 1) == 0;
        BigDecimal found = null;
        for (int p = 1; p <= 17 && found == null; p++) {
            BigDecimal r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (inside(r, low, high, inclusive)) {
                found = r;
            } else if (r.compareTo(exact) < 0) {
                // The closest p-digit decimal fell below a narrow lower half-gap; the next one up may still fit.
                BigDecimal up = r.add(r.ulp());
                if (inside(up, low, high, inclusive)) {
                    found = up;
                }
            }
        }
        if (found == null) {
            found = exact.round(new MathContext(17, RoundingMode.HALF_EVEN)); // 17 digits always suffice
        }
        BigDecimal r = found.stripTrailingZeros();
        String digits = r.unscaledValue().toString();
        int pointPos = digits.length() - r.scale();
        return new String[] {digits, Integer.toString(pointPos)};
    }

    private static boolean inside(BigDecimal d, BigDecimal low, BigDecimal high, boolean inclusive) {
        int lo = d.compareTo(low);
        int hi = d.compareTo(high);
        return inclusive ? lo >= 0 && hi <= 0 : lo > 0 && hi < 0;
    }
}
