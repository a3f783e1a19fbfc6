package io.touchpulse.sim;

/** Loads the phrase resource once per JVM: it is immutable and shared by all simulators. */
final class TextLibraryHolder {
    static final TextLibrary LIB = TextLibrary.load();

    private TextLibraryHolder() {
    }
}
