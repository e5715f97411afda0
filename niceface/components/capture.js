// Capture: webcam snapshot, canvas sketch or microphone recording, emitted as a data URL.
export default {
  template: `
    <div class="nf-capture-box">
      <video v-if="mode === 'webcam' || mode === 'camcorder'" ref="video" autoplay playsinline muted
        class="nf-capture-video" :style="mirror ? 'transform: scaleX(-1)' : ''"></video>
      <div v-if="mode === 'overlay'" class="nf-capture-frame nf-capture-overlay" v-show="hasPicture">
        <canvas ref="base" class="nf-capture-base"></canvas>
        <canvas ref="canvas" class="nf-capture-canvas-area nf-capture-strokes" aria-label="draw on the picture"
          @pointerdown="down" @pointermove="move" @pointerup="up" @pointerleave="up"></canvas>
      </div>
      <div v-if="mode === 'canvas'" class="nf-capture-frame">
        <canvas ref="canvas" width="400" height="300" class="nf-capture-canvas-area" aria-label="sketch pad"
          @pointerdown="down" @pointermove="move" @pointerup="up" @pointerleave="up"></canvas>
        <slot></slot>
      </div>
      <div class="nf-capture-actions">
        <button v-if="mode === 'webcam' && !streamEvery" type="button" class="nf-capture-button" @click="snap(false)">
          Capture</button>
        <button v-if="mode === 'camcorder'" type="button" class="nf-capture-button" @click="film">
          {{ recording ? 'Stop recording' : 'Record from camera' }}</button>
        <button v-if="mode === 'canvas'" type="button" class="nf-capture-button" @click="clear">Clear sketch</button>
        <button v-if="mode === 'overlay' && hasPicture" type="button" class="nf-capture-button" @click="wipe">
          Clear drawing</button>
        <input v-if="(mode === 'canvas' || (mode === 'overlay' && hasPicture)) && colors" type="color" v-model="pen"
          class="nf-capture-color" aria-label="pen colour">
        <button v-if="mode === 'microphone'" type="button" class="nf-capture-button" @click="toggle">
          {{ recording ? 'Stop recording' : 'Record from microphone' }}</button>
        <span v-if="error" class="nf-capture-error" style="color:#b00">{{ error }}</span>
      </div>
    </div>`,
  props: { mode: String, brushRadius: { type: Number, default: 0 }, brushColor: { type: String, default: "#000000" },
           colors: Boolean, mirror: Boolean, streamEvery: { type: Number, default: 0 },
           withAudio: { type: Boolean, default: true } },
  data() { return { drawing: false, recording: false, error: "", stream: null, recorder: null, chunks: [],
                    pen: this.brushColor, timer: null, busy: false, hasPicture: false, picture: null }; },
  async mounted() {
    if (this.mode === "webcam" || this.mode === "camcorder") {
      try {
        this.stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: this.mode === "camcorder"
          && this.withAudio });
        this.$refs.video.srcObject = this.stream;
        if (this.streamEvery > 0) this.timer = setInterval(() => this.snap(true), this.streamEvery);
      } catch (e) { this.error = "No camera available: " + e.message; }
    }
    if (this.mode === "canvas") this.clear(false);
  },
  unmounted() {
    if (this.timer) clearInterval(this.timer);
    if (this.stream) this.stream.getTracks().forEach((t) => t.stop());
  },
  methods: {
    snap(streaming = false) {
      const video = this.$refs.video;
      if (!video || !video.videoWidth) { if (!streaming) this.error = "The camera is not ready yet."; return; }
      const canvas = document.createElement("canvas"), ctx = canvas.getContext("2d");
      canvas.width = video.videoWidth; canvas.height = video.videoHeight;
      if (this.mirror) { ctx.translate(canvas.width, 0); ctx.scale(-1, 1); }  // what the person saw
      ctx.drawImage(video, 0, 0);
      this.$emit(streaming ? "frame" : "capture", canvas.toDataURL(streaming ? "image/jpeg" : "image/png", 0.8));
    },
    clear(emit = true) {
      const c = this.$refs.canvas, ctx = c.getContext("2d");
      ctx.fillStyle = "#fff"; ctx.fillRect(0, 0, c.width, c.height);
      if (emit) this.$emit("capture", null);
    },
    load(url) {  // a picture given by the server (an example): drawn to fit, centred
      const picture = new Image();
      picture.onload = () => {
        this.clear(false);
        const c = this.$refs.canvas, scale = Math.min(c.width / picture.width, c.height / picture.height);
        const w = picture.width * scale, h = picture.height * scale;
        c.getContext("2d").drawImage(picture, (c.width - w) / 2, (c.height - h) / 2, w, h);
      };
      picture.src = url;
    },
    show(url) {  // overlay mode: the picture to draw on (null: none); the strokes start empty
      this.picture = url; this.hasPicture = !!url;
      if (!url) return;
      const picture = new Image();
      picture.onload = () => {
        for (const c of [this.$refs.base, this.$refs.canvas]) { c.width = picture.width; c.height = picture.height; }
        this.$refs.base.getContext("2d").drawImage(picture, 0, 0);
      };
      picture.src = url;
    },
    wipe() {
      const c = this.$refs.canvas; c.getContext("2d").clearRect(0, 0, c.width, c.height);
      this.$emit("capture", { image: this.picture, mask: null });
    },
    overlaid() {  // tool "sketch": the picture and a white-on-black mask; "color-sketch": one picture
      const strokes = this.$refs.canvas, out = document.createElement("canvas");
      out.width = strokes.width; out.height = strokes.height;
      const ctx = out.getContext("2d");
      if (this.colors) {
        ctx.drawImage(this.$refs.base, 0, 0); ctx.drawImage(strokes, 0, 0);
        return out.toDataURL("image/png");
      }
      ctx.fillStyle = "#000"; ctx.fillRect(0, 0, out.width, out.height);
      ctx.globalCompositeOperation = "lighter";
      const white = document.createElement("canvas"); white.width = out.width; white.height = out.height;
      const w = white.getContext("2d"); w.drawImage(strokes, 0, 0);
      w.globalCompositeOperation = "source-in"; w.fillStyle = "#fff"; w.fillRect(0, 0, out.width, out.height);
      ctx.drawImage(white, 0, 0);
      return { image: this.picture, mask: out.toDataURL("image/png") };
    },
    point(e) { const r = this.$refs.canvas.getBoundingClientRect(), c = this.$refs.canvas;
      return [(e.clientX - r.left) * c.width / r.width, (e.clientY - r.top) * c.height / r.height]; },
    down(e) { this.drawing = true; const ctx = this.$refs.canvas.getContext("2d"), [x, y] = this.point(e);
      ctx.lineWidth = 2 * (this.brushRadius || Math.max(6, this.$refs.canvas.width / 60)); ctx.lineCap = "round"; ctx.lineJoin = "round"; ctx.strokeStyle = this.pen;
      ctx.beginPath(); ctx.moveTo(x, y); },
    move(e) { if (!this.drawing) return; const ctx = this.$refs.canvas.getContext("2d"), [x, y] = this.point(e);
      ctx.lineTo(x, y); ctx.stroke(); },
    up() { if (!this.drawing) return; this.drawing = false;
      this.$emit("capture", this.mode === "overlay" ? this.overlaid() : this.$refs.canvas.toDataURL("image/png")); },
    film() {  // camcorder: a WebM clip of the camera, sent when recording stops
      if (this.recording) { this.recorder.stop(); return; }
      if (!this.stream) { this.error = "The camera is not ready yet."; return; }
      this.chunks = []; this.recorder = new MediaRecorder(this.stream, { mimeType: "video/webm" });
      this.recorder.ondataavailable = (e) => this.chunks.push(e.data);
      this.recorder.onstop = () => {
        this.recording = false;
        const reader = new FileReader();
        reader.onload = () => this.$emit("capture", reader.result.replace(/^data:video\/webm[^,]*,/,
          "data:video/webm;base64,"));
        reader.readAsDataURL(new Blob(this.chunks, { type: "video/webm" }));
      };
      this.recorder.start(); this.recording = true;
    },
    async toggle() {
      if (this.streamEvery > 0) { this.recording ? this.stopStream() : this.startStream(); return; }
      if (this.recording) { this.recorder.stop(); return; }
      try { this.stream = await navigator.mediaDevices.getUserMedia({ audio: true }); }
      catch (e) { this.error = "No microphone available: " + e.message; return; }
      this.chunks = []; this.recorder = new MediaRecorder(this.stream);
      this.recorder.ondataavailable = (e) => this.chunks.push(e.data);
      this.recorder.onstop = async () => {
        this.recording = false; this.stream.getTracks().forEach((t) => t.stop());
        const buffer = await new Blob(this.chunks).arrayBuffer();
        const audio = await new AudioContext().decodeAudioData(buffer);
        this.$emit("capture", "data:audio/wav;base64," + this.wav(audio));
      };
      this.recorder.start(); this.recording = true;
    },
    async startStream() {  // raw samples, sent as a WAV chunk every streamEvery ms ("frame" events)
      try { this.stream = await navigator.mediaDevices.getUserMedia({ audio: true }); }
      catch (e) { this.error = "No microphone available: " + e.message; return; }
      const context = new AudioContext(), source = context.createMediaStreamSource(this.stream);
      const node = context.createScriptProcessor(4096, 1, 1), parts = [];
      node.onaudioprocess = (e) => parts.push(new Float32Array(e.inputBuffer.getChannelData(0)));
      source.connect(node); node.connect(context.destination);
      this.timer = setInterval(() => {
        if (!parts.length) return;
        const all = new Float32Array(parts.reduce((n, p) => n + p.length, 0)); let at = 0;
        parts.splice(0).forEach((p) => { all.set(p, at); at += p.length; });
        this.$emit("frame", "data:audio/wav;base64," + this.wav({ sampleRate: context.sampleRate,
          getChannelData: () => all }));
      }, this.streamEvery);
      this.context = context; this.recording = true;
    },
    stopStream() {
      clearInterval(this.timer); this.timer = null; this.recording = false;
      if (this.context) this.context.close();
      this.stream.getTracks().forEach((t) => t.stop());
    },
    wav(audio) {
      const samples = audio.getChannelData(0), view = new DataView(new ArrayBuffer(44 + samples.length * 2));
      const text = (o, s) => { for (let i = 0; i < s.length; i++) view.setUint8(o + i, s.charCodeAt(i)); };
      text(0, "RIFF"); view.setUint32(4, 36 + samples.length * 2, true); text(8, "WAVEfmt ");
      view.setUint32(16, 16, true); view.setUint16(20, 1, true); view.setUint16(22, 1, true);
      view.setUint32(24, audio.sampleRate, true); view.setUint32(28, audio.sampleRate * 2, true);
      view.setUint16(32, 2, true); view.setUint16(34, 16, true); text(36, "data");
      view.setUint32(40, samples.length * 2, true);
      samples.forEach((s, i) => view.setInt16(44 + i * 2, Math.max(-1, Math.min(1, s)) * 0x7fff, true));
      let binary = ""; const bytes = new Uint8Array(view.buffer);
      for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
      return btoa(binary);
    },
  },
};
