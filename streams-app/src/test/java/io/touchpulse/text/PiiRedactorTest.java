package io.touchpulse.text;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Every kind of personal data becomes its placeholder; look-alikes customers write every day stay. */
class PiiRedactorTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            mail me at jane.doe+cx@example.co.uk today        | mail me at [email] today
            card 4111 1111 1111 1111 was charged              | card [card] was charged
            card 4111-1111-1111-1111 was charged              | card [card] was charged
            my IBAN GB82 WEST 1234 5698 7654 32 thanks        | my IBAN [iban] thanks
            iban DE89370400440532013000                       | iban [iban]
            SSN 123-45-6789 on file                           | SSN [ssn] on file
            NI number AB 12 34 56 C please                    | NI number [nino] please
            ni number ab123456c                               | ni number [nino]
            login from 192.168.10.254 blocked                 | login from [ip] blocked
            router at 2001:0db8:85a3:0000:0000:8a2e:0370:7334 | router at [ip]
            my address is 2001:db8::1 now                     | my address is [ip] now
            link-local fe80::1 only                           | link-local [ip] only
            call me on +44 20 7946 0958                       | call me on [phone]
            call (555) 123-4567 after five                    | call [phone] after five
            mail josé@example.com or müller@beispiel.de       | mail [email] or [email]
            write to o'brien@example.ie                       | write to [email]
            card4111111111111111 glued                        | card[card] glued
            iban gb82 west 1234 5698 7654 32 lower case       | iban [iban] lower case
            iban gb82west12345698765432                       | iban [iban]
            login from 10.0.0.1 blocked                       | login from [ip] blocked
            call +49 (0)30 12345678 or 07700 900123           | call [phone] or [phone]
            """)
    void replacesPersonalData(String text, String expected) {
        assertThat(PiiRedactor.redact(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            order 4111 1111 1111 1112 please
            order 1234567890123456789 still missing
            meeting at 10:30 or 12:15:00 tomorrow
            version 2.4.1 of the app crashes
            paid 1,299.00 on 2026-11-24
            delivered 24.11.2026 or 11/24/26
            room 404 and gate B12
            ab12 cdef ghij is my code
            """)
    void leavesLookAlikes(String text) {
        assertThat(PiiRedactor.redact(text)).isEqualTo(text);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            [email] and [card] and [ip]  |  and  and
            no placeholders here         | no placeholders here
            """)
    void placeholdersCanBeDroppedForTerms(String redacted, String expected) {
        assertThat(PiiRedactor.withoutPlaceholders(redacted).strip().replaceAll("\\s+", " ")).isEqualTo(expected.strip().replaceAll("\\s+", " "));
    }
}
