package com.s4bsv.s4.shell.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.s4bsv.s4.sigv4.Credentials;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client finds its credentials where aws cli and boto3 do, and signs every request with them. */
class SigningTest {

    @TempDir
    Path home;

    @Test
    void environmentVariablesComeFirst() throws IOException {
        writeCredentials("[default]\naws_access_key_id = fromfile\naws_secret_access_key = s\n");
        assertThat(Signing.credentials(Map.of("AWS_ACCESS_KEY_ID", "env", "AWS_SECRET_ACCESS_KEY", "es")::get, home))
                .contains(new Credentials("env", "es"));
    }

    @Test
    void theProfileOfTheCredentialsFile() throws IOException {
        writeCredentials("""
                [default]
                aws_access_key_id = d
                aws_secret_access_key = ds
                # a comment
                [work]
                aws_access_key_id=w
                aws_secret_access_key=ws
                """);
        assertThat(Signing.credentials(Map.<String, String>of()::get, home)).contains(new Credentials("d", "ds"));
        assertThat(Signing.credentials(Map.of("AWS_PROFILE", "work")::get, home))
                .contains(new Credentials("w", "ws"));
        assertThat(Signing.credentials(Map.of("AWS_PROFILE", "none")::get, home))
                .isEmpty();
        Path other = home.resolve("other");
        Files.writeString(other, "[default]\naws_access_key_id = o\naws_secret_access_key = os\n");
        assertThat(Signing.credentials(Map.of("AWS_SHARED_CREDENTIALS_FILE", other.toString())::get, home))
                .contains(new Credentials("o", "os"));
    }

    @Test
    void givenCredentialsSignWhateverTheEnvironmentHolds() {
        Map<String, String> signed = Signing.with(new Credentials("given", "gs"), "eu-north-1")
                .headers("GET", URI.create("http://127.0.0.1:8080/b/k"), "UNSIGNED-PAYLOAD");
        assertThat(signed.get("Authorization"))
                .startsWith("AWS4-HMAC-SHA256 Credential=given/")
                .contains("/eu-north-1/s3/aws4_request");
    }

    @Test
    void signsWithTheRegionOfTheEnvironmentOrLeavesTheRequestAlone() {
        URI uri = URI.create("http://127.0.0.1:8080/b/k?x=1");
        Map<String, String> signed = Signing.from(
                        Map.of("AWS_ACCESS_KEY_ID", "id", "AWS_SECRET_ACCESS_KEY", "s", "AWS_REGION", "eu-west-1")::get,
                        home)
                .headers("GET", uri, "UNSIGNED-PAYLOAD");
        assertThat(signed.get("Authorization"))
                .startsWith("AWS4-HMAC-SHA256 Credential=id/")
                .contains("/eu-west-1/s3/aws4_request");
        assertThat(signed).containsEntry("x-amz-content-sha256", "UNSIGNED-PAYLOAD");
        assertThat(Signing.from(Map.<String, String>of()::get, home).headers("GET", uri, "UNSIGNED-PAYLOAD"))
                .isEmpty();
    }

    private void writeCredentials(String text) throws IOException {
        Files.createDirectories(home.resolve(".aws"));
        Files.writeString(home.resolve(".aws").resolve("credentials"), text);
    }
}
