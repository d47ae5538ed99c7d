package org.wanzheng;

/** Run in a child JVM by {@link LoadingTest}: calls the library twice and prints what each call threw. */
public final class LoadFailureMain {
    private LoadFailureMain() {}

    public static void main(String[] args) {
        for (int i = 0; i < 2; i++) {
            try {
                System.out.println("loaded " + (i == 0 ? Wanzheng.version() : Context.defaults()));
            } catch (Throwable t) {
                System.out.println(t.getClass().getName() + ": " + t.getMessage());
            }
        }
    }
}
