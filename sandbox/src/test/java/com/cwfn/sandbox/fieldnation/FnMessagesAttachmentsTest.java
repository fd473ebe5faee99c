package com.cwfn.sandbox.fieldnation;

import static org.assertj.core.api.Assertions.assertThat;
import com.cwfn.sandbox.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FnMessagesAttachmentsTest {
    static FieldNationSandbox fn;
    FnClient c;
    long wo;

    @BeforeAll
    static void start() {
        fn = FieldNationSandbox.withDefaults().start(0);
    }

    @AfterAll
    static void stop() {
        fn.close();
    }

    @BeforeEach
    void reset() {
        fn.reset();
        c = new FnClient(fn).login();
        wo = c.post("/workorders", FnClient.completeWorkOrder("Messages and files")).json().path("id").asLong();
    }

    private static long folderId(JsonNode workOrder, String name) {
        return folderIn(workOrder.path("attachments"), name);
    }

    private static long folderIn(JsonNode attachments, String name) {
        for (JsonNode f : attachments.path("results")) {
            if (name.equals(f.path("name").asText())) {
                return f.path("id").asLong();
            }
        }
        throw new AssertionError("no folder " + name);
    }

    @Test
    void postingAMessageReturnsTheMessageObjectAndListsNewestFirst() {
        FnClient.Resp r = c.post("/workorders/" + wo + "/messages",
                Json.object().put("message", "Please use the side entrance.").put("type", "ASSIGNEDTECH"));
        assertThat(r.status()).isEqualTo(200);
        JsonNode m = r.json();
        assertThat(m.path("msg_id").isTextual()).isTrue();
        assertThat(m.path("parent_id").asText()).isEqualTo("0");
        assertThat(m.path("from").path("id").asLong()).isEqualTo(500);
        assertThat(m.path("from").path("name").asText()).isEqualTo("MSP Dispatch");
        assertThat(m.path("from").path("role").asText()).isEqualTo("buyer");
        assertThat(m.path("message").asText()).isEqualTo("Please use the side entrance.");
        assertThat(m.path("created").path("utc").asText()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
        assertThat(m.path("read").asBoolean()).isFalse();
        assertThat(m.path("replies").isArray()).isTrue();
        assertThat(m.has("to")).isTrue();

        fn.assignProvider(wo, 1068);
        JsonNode fromTech = fn.providerMessage(wo, "On site now");
        assertThat(fromTech.path("from").path("id").asLong()).isEqualTo(1068);
        assertThat(fromTech.path("from").path("role").asText()).isEqualTo("provider");

        FnClient.Resp reply = c.post("/workorders/" + wo + "/messages/" + fromTech.path("msg_id").asText(),
                Json.object().put("message", "Thanks!"));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("parent_id").asText()).isEqualTo(fromTech.path("msg_id").asText());

        JsonNode list = c.get("/workorders/" + wo + "/messages").json();
        assertThat(list.path("metadata").path("total").asInt()).isEqualTo(2);
        assertThat(list.path("results").get(0).path("message").asText()).isEqualTo("On site now");
        assertThat(list.path("results").get(0).path("replies").get(0).path("message").asText()).isEqualTo("Thanks!");
        assertThat(list.path("results").get(1).path("message").asText()).isEqualTo("Please use the side entrance.");
        assertThat(fn.messages(wo)).hasSize(2);

        FnEvent posted = fn.events().stream().filter(e -> e.name().equals(FnEvents.MESSAGE_POSTED)).findFirst()
                .orElseThrow();
        assertThat(posted.params().path("message").path("message").asText()).isEqualTo("Please use the side entrance.");
        assertThat(posted.params().path("message_id").asText()).isEqualTo(m.path("msg_id").asText());
        assertThat(posted.actorId()).isEqualTo(500);
    }

    @Test
    void messageWithoutTextOrWithAnUnknownTypeIs400() {
        assertThat(c.post("/workorders/" + wo + "/messages", Json.object().put("type", "INTERNAL")).status())
                .isEqualTo(400);
        assertThat(c.post("/workorders/" + wo + "/messages", Json.object().put("message", " ")).status())
                .isEqualTo(400);
        assertThat(c.post("/workorders/" + wo + "/messages", Json.object().put("message", "x").put("type", "SMS"))
                .status()).isEqualTo(400);
        assertThat(c.post("/workorders/" + wo + "/messages/123456", Json.object().put("message", "x")).status())
                .isEqualTo(404);
        assertThat(fn.messages(wo)).isEmpty();
    }

    @Test
    void everyWorkOrderHasItsOwnDocumentsAndMiscFolders() {
        JsonNode first = c.get("/workorders/" + wo + "/attachments").json();
        assertThat(first.path("results")).hasSize(2);
        long other = c.post("/workorders", Json.object().put("title", "other")).json().path("id").asLong();
        JsonNode second = c.get("/workorders/" + other + "/attachments").json();
        assertThat(folderIn(second, "Documents")).isNotEqualTo(folderIn(first, "Documents"));
        assertThat(folderIn(second, "Misc")).isNotEqualTo(folderIn(first, "Misc"));
        assertThat(c.get("/workorders/" + wo + "/attachments").json()).isEqualTo(first);

        JsonNode withFolder = c.post("/workorders/" + wo + "/attachments", Json.object().put("name", "Site Photos"))
                .json();
        assertThat(withFolder.path("attachments").path("results")).hasSize(3);
        assertThat(withFolder.path("attachments").path("results").get(2).path("type").asText()).isEqualTo("slot");
        assertThat(c.post("/workorders/" + wo + "/attachments", Json.object()).status()).isEqualTo(400);
    }

    @Test
    void uploadedFileIsDownloadableByItsLinkWithIdenticalBytes() throws Exception {
        JsonNode before = c.get("/workorders/" + wo).json();
        long docs = folderId(before, "Documents");
        byte[] content = new byte[70_000];
        new Random(42).nextBytes(content);
        FnClient.Resp r = c.upload(wo, docs, "site survey.pdf", "application/pdf", content, "From PSA ticket 4711", null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode folder = r.json().path("attachments").path("results").get(0);
        assertThat(folder.path("results")).hasSize(1);
        JsonNode file = folder.path("results").get(0);
        assertThat(file.path("folder_id").asLong()).isEqualTo(docs);
        assertThat(file.path("workorder_id").asLong()).isEqualTo(wo);
        assertThat(file.path("file").path("name").asText()).isEqualTo("site survey.pdf");
        assertThat(file.path("file").path("mime").asText()).isEqualTo("application/pdf");
        assertThat(file.path("file").path("size_bytes").asLong()).isEqualTo(70_000);
        assertThat(file.path("notes").asText()).isEqualTo("From PSA ticket 4711");
        assertThat(file.path("author").path("id").asLong()).isEqualTo(500);
        assertThat(file.path("created").path("utc").asText()).isNotEmpty();
        String link = file.path("file").path("link").asText();
        assertThat(link).startsWith(fn.baseUrl() + "/files/").doesNotContain("access_token");

        HttpResponse<byte[]> dl = c.http.send(HttpRequest.newBuilder(URI.create(link)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(dl.statusCode()).isEqualTo(200);
        assertThat(dl.body()).isEqualTo(content);
        assertThat(dl.headers().firstValue("Content-Type")).contains("application/pdf");
        assertThat(fn.attachmentContent(file.path("id").asLong())).isEqualTo(content);
        assertThat(fn.attachments(wo)).hasSize(1);
        assertThat(fn.events()).extracting(FnEvent::name).doesNotContain(FnEvents.PROVIDER_UPLOAD);

        FnClient.Resp del = c.delete("/workorders/" + wo + "/attachments/" + docs + "/" + file.path("id").asLong());
        assertThat(del.status()).isEqualTo(200);
        assertThat(fn.attachments(wo)).isEmpty();
        assertThat(c.http.send(HttpRequest.newBuilder(URI.create(link)).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(404);
    }

    @Test
    void emptyFileMissingFilePartAndUnknownFolderAreRefused() {
        long misc = folderId(c.get("/workorders/" + wo).json(), "Misc");
        FnClient.Resp empty = c.upload(wo, misc, "empty.txt", "text/plain", new byte[0], null, null);
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.json().path("status").asInt()).isEqualTo(400);
        assertThat(c.upload(wo, 1, "a.txt", "text/plain", "x".getBytes(StandardCharsets.UTF_8), null, null).status())
                .isEqualTo(404);
        FnClient.Resp json = c.post("/workorders/" + wo + "/attachments/" + misc, Json.object().put("file", "x"));
        assertThat(json.status()).isEqualTo(400);
        assertThat(fn.attachments(wo)).isEmpty();
    }

    @Test
    void anExtraAttachmentJsonPartIsTolerated() {
        long misc = folderId(c.get("/workorders/" + wo).json(), "Misc");
        FnClient.Resp r = c.upload(wo, misc, "photo.jpg", "image/jpeg", new byte[] {1, 2, 3}, null,
                "{\"notes\":\"from the app\",\"folder_id\":" + misc + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(fn.attachments(wo).get(0).path("notes").asText()).isEqualTo("from the app");
    }

    @Test
    void providerUploadGoesToMiscAndFiresProviderUpload() {
        fn.assignProvider(wo, 1068);
        JsonNode file = fn.providerUpload(wo, "after.jpg", "image/jpeg", new byte[] {9, 8, 7});
        long misc = folderId(c.get("/workorders/" + wo).json(), "Misc");
        assertThat(file.path("folder_id").asLong()).isEqualTo(misc);
        assertThat(file.path("author").path("id").asLong()).isEqualTo(1068);
        FnEvent ev = fn.events().get(fn.events().size() - 1);
        assertThat(ev.name()).isEqualTo(FnEvents.PROVIDER_UPLOAD);
        assertThat(ev.actorId()).isEqualTo(1068);
        assertThat(ev.params().path("attachment_id").asLong()).isEqualTo(file.path("id").asLong());
        assertThat(ev.params().path("folder_id").asLong()).isEqualTo(misc);
        assertThat(ev.params().path("file").path("name").asText()).isEqualTo("after.jpg");
        assertThat(ev.params().path("file").path("size_bytes").asInt()).isEqualTo(3);
        assertThat(ev.params().path("file").path("link").asText()).startsWith(fn.baseUrl());
    }
}
