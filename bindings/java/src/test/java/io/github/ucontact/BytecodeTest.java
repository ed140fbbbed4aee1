package io.github.ucontact;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.DataInputStream;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** The binding promises Java 8: its classes must be class-file version 52. */
class BytecodeTest {
    @Test
    void publicClassesAreJava8Bytecode() throws Exception {
        for (Class<?> type : new Class<?>[] {UContact.class, UContactClient.class,
                UContactClient.Builder.class, UContactException.class, UContactErrorCode.class,
                NativeApi.class}) {
            String resource = "/" + type.getName().replace('.', '/') + ".class";
            try (InputStream in = type.getResourceAsStream(resource);
                    DataInputStream data = new DataInputStream(in)) {
                assertEquals(0xCAFEBABE, data.readInt());
                data.readUnsignedShort();
                assertEquals(52, data.readUnsignedShort(), type + " is not Java 8 bytecode");
            }
        }
    }
}
