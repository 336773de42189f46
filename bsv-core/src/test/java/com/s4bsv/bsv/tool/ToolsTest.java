package com.s4bsv.bsv.tool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The registry's names and its switch agree, and looking a tool up loads no other tool's class. */
class ToolsTest {

    @Test
    void everyNameGivesTheToolOfItsClassName() {
        for (String name : Tools.NAMES) {
            Tool tool = Tools.get(name);
            assertThat(tool).as(name).isNotNull();
            assertThat(tool.getClass().getSimpleName()).as(name).isEqualTo(Tools.className(name));
        }
    }

    @Test
    void unknownNamesGiveNull() {
        assertThat(Tools.get("bnope")).isNull();
        assertThat(Tools.get("Bcut")).isNull();
        assertThat(Tools.get("")).isNull();
    }

    @Test
    void gettingOneToolLoadsNoOtherToolClass() throws Exception {
        RecordingLoader loader = new RecordingLoader(Tools.class.getClassLoader());
        Method get = loader.loadClass(Tools.class.getName()).getMethod("get", String.class);
        get.invoke(null, "bcut");
        List<String> toolClasses = Tools.NAMES.stream()
                .map(n -> Tools.class.getPackageName() + "." + Tools.className(n))
                .toList();
        List<String> tools =
                loader.loaded.stream().filter(toolClasses::contains).toList();
        assertThat(tools).containsExactly(Tools.class.getPackageName() + ".Bcut");
    }

    /** Defines this package's classes itself (so it sees each one loaded) and delegates the rest. */
    private static final class RecordingLoader extends ClassLoader {

        final List<String> loaded = new ArrayList<>();

        RecordingLoader(ClassLoader parent) {
            super(parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith(Tools.class.getPackageName() + ".")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    loaded.add(name);
                    String resource = name.replace('.', '/') + ".class";
                    try (InputStream in = getParent().getResourceAsStream(resource)) {
                        if (in == null) {
                            throw new ClassNotFoundException(name);
                        }
                        byte[] bytes = in.readAllBytes();
                        c = defineClass(name, bytes, 0, bytes.length);
                    } catch (IOException e) {
                        throw new ClassNotFoundException(name, e);
                    }
                }
                return c;
            }
        }
    }
}
