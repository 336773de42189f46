import com.s4bsv.s4.config.ClusterConfig;
import com.s4bsv.s4.key.S4Key;
import com.s4bsv.s4.shell.client.ChannelOutput;
import com.s4bsv.s4.shell.client.Progress;
import com.s4bsv.s4.shell.client.S4Client;
import java.io.FileInputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Times one transfer of the s4 client inside a started JVM: the transfer alone, without the JVM's start, to set
 * against curl on the same node (bench/README.md, s4 client transfers). Prints seconds.
 *
 * <pre>
 * javac -cp s4-shell/target/classes:s4-core/target/s4-core-*.jar -d target/ct bench/ClientTransfer.java
 * java -cp target/ct:s4-shell/target/classes:s4-core/target/s4-core-*.jar:ZERO_ALLOCATION_HASHING_JAR \
 *     ClientTransfer CONF get-null|get-file|put-file|put-stdin s4://b/k [FILE]
 * </pre>
 */
public class ClientTransfer {
    public static void main(String[] a) throws Exception {
        var client = new S4Client(ClusterConfig.parse(Files.readString(Path.of(a[0])), a[0]));
        S4Key key = S4Key.parse(a[2]);
        long start = System.nanoTime();
        switch (a[1]) {
            case "get-null" -> {
                try (var out = new ChannelOutput(new FileOutputStream("/dev/null"), 65536)) {
                    client.get(key, out, Progress.NONE);
                }
            }
            case "get-file" -> client.get(key, Path.of(a[3]), Progress.NONE);
            case "put-file" -> client.put(key, Path.of(a[3]), Progress.NONE);
            case "put-stdin" -> client.put(key, new FileInputStream(FileDescriptor.in), Progress.NONE);
            default -> throw new IllegalArgumentException(a[1]);
        }
        System.out.printf("%.3f%n", (System.nanoTime() - start) / 1e9);
        client.close();
    }
}
