package org.wanzheng;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * The flag bits of a typed route request ({@link Context#approvalRouteColumn}), the
 * {@code WZ_ROUTE_*} defines of {@code include/wanzheng.h}: OR them into one {@code int} per row.
 */
public final class RouteFlags {
    private RouteFlags() {}

    /** {@code special_authority} (INV-13.4). */
    public static final int SPECIAL_AUTHORITY = 1;
    /** {@code seeks_central_provincial_funds} (INV-15.5). */
    public static final int SEEKS_CENTRAL_PROVINCIAL_FUNDS = 1 << 1;
    /** {@code emergency_recognized} (INV-16.1). */
    public static final int EMERGENCY_RECOGNIZED = 1 << 2;
    /** {@code urgent_sudden_event} (INV-16.1). */
    public static final int URGENT_SUDDEN_EVENT = 1 << 3;
    /** {@code in_plan} (INV-15.3). */
    public static final int IN_PLAN = 1 << 4;
    /** {@code agreed} (INV-15.3). */
    public static final int AGREED = 1 << 5;
    /** {@code partial_rebuild_or_expansion} (INV-15.3). */
    public static final int PARTIAL_REBUILD_OR_EXPANSION = 1 << 6;
    /** {@code single_content_simple_tech} (INV-15.2). */
    public static final int SINGLE_CONTENT_SIMPLE_TECH = 1 << 7;
    /** {@code small_scale} (INV-15.2). */
    public static final int SMALL_SCALE = 1 << 8;
    /** {@code dispersed_similar} (INV-15.2). */
    public static final int DISPERSED_SIMILAR = 1 << 9;
    /** Level {@code county} (INV-13.3); without it the project is municipal. */
    public static final int COUNTY = 1 << 10;

    /** The bits by name, read once from the library's one list ({@code wz_route_flag_name}: bit i is 1 &lt;&lt; i). */
    private static final class ByName {
        static final Map<String, Integer> MAP = load();

        private static Map<String, Integer> load() {
            Map<String, Integer> m = new HashMap<>();
            for (int i = 0; ; i++) {
                String name = Lib.get().wz_route_flag_name(i);
                if (name == null) {
                    return Collections.unmodifiableMap(m);
                }
                m.put(name, 1 << i);
            }
        }
    }

    /**
     * The bit of a flag by its RULES.md §4.1 name ({@code in_plan}, …).
     *
     * @throws IllegalArgumentException for a name that is not a flag of §4.1
     */
    public static int of(String name) {
        Integer bit = ByName.MAP.get(name);
        if (bit == null) {
            throw new IllegalArgumentException("not a flag of approval_route: " + name);
        }
        return bit;
    }
}
