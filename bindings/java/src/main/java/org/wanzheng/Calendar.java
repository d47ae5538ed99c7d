package org.wanzheng;

import com.sun.jna.ptr.ByteByReference;
import com.sun.jna.ptr.PointerByReference;
import java.time.LocalDate;

/**
 * A working-day calendar (immutable; may be shared by threads): the State Council holiday
 * notices loaded (embedded: 2023–2026) and, for the other years of 2023–2099, the statutory
 * holidays only (provisional; decision results and obligations say {@code provisional}).
 */
public final class Calendar extends Handle {
    private Calendar(PointerByReference out) {
        super(out.getValue(), Lib.get()::wz_calendar_free);
    }

    /** The calendar embedded in the library. */
    public static Calendar embedded() {
        PointerByReference out = new PointerByReference();
        Ffi.check(Lib.get().wz_calendar_embedded(out));
        return new Calendar(out);
    }

    /**
     * A new calendar: this one plus the years of a newer State Council notice (JSON data), which
     * become official. A notice that takes a statutory holiday away is refused
     * ({@link InputException} naming the day).
     */
    public Calendar withNotice(String noticeJson) {
        PointerByReference out = new PointerByReference();
        Ffi.check(Lib.get().wz_calendar_with_notice(pointer(), noticeJson, out));
        return new Calendar(out);
    }

    /** Whether {@code date} is a working day (provisional in a year without a notice). */
    public boolean isWorkingDay(LocalDate date) {
        ByteByReference out = new ByteByReference();
        Ffi.check(Lib.get().wz_calendar_is_working_day(pointer(), date.toString(), out));
        return out.getValue() != 0;
    }

    /** Whether the year of {@code date} has a loaded State Council notice. */
    public boolean isOfficial(LocalDate date) {
        ByteByReference out = new ByteByReference();
        Ffi.check(Lib.get().wz_calendar_is_official(pointer(), date.toString(), out));
        return out.getValue() != 0;
    }
}
