package org.wanzheng;

import com.sun.jna.ptr.PointerByReference;

/** A working-day calendar (immutable; may be shared by threads). */
public final class Calendar extends Handle {
    private Calendar(PointerByReference out) {
        super(out.getValue(), Native.LIB::wz_calendar_free);
    }

    /** The calendar embedded in the library. */
    public static Calendar embedded() {
        PointerByReference out = new PointerByReference();
        Ffi.check(Native.LIB.wz_calendar_embedded(out));
        return new Calendar(out);
    }

    /** A new calendar: this one plus the years of a newer State Council notice (JSON data). */
    public Calendar withNotice(String noticeJson) {
        PointerByReference out = new PointerByReference();
        Ffi.check(Native.LIB.wz_calendar_with_notice(pointer(), noticeJson, out));
        return new Calendar(out);
    }
}
