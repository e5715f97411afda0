// Capture: webcam snapshot, canvas sketch or microphone recording, emitted as a data URL.
export default {
  template: `
    <div class="nf-capture-box">
      <video v-if="mode === 'webcam'" ref="video" autoplay playsinline muted class="nf-capture-video"></video>
      <div v-if="mode === 'canvas'" class="nf-capture-frame">
        <canvas ref="canvas" width="400" height="300" class="nf-capture-canvas-area" aria-label="sketch pad"
          @pointerdown="down" @pointermove="move" @pointerup="up" @pointerleave="up"></canvas>
        <slot></slot>
      </div>
      <div class="nf-capture-actions">
        <button v-if="mode === 'webcam'" type="button" class="nf-capture-button" @click="snap">Capture</button>
        <button v-if="mode === 'canvas'" type="button" class="nf-capture-button" @click="clear">Clear sketch</button>
        <button v-if="mode === 'microphone'" type="button" class="nf-capture-button" @click="toggle">
          {{ recording ? 'Stop recording' : 'Record from microphone' }}</button>
        <span v-if="error" class="nf-capture-error" style="color:#b00">{{ error }}</span>
      </div>
    </div>`,
  props: { mode: String },
  data() { return { drawing: false, recording: false, error: "", stream: null, recorder: null, chunks: [] }; },
  async mounted() {
    if (this.mode === "webcam") {
      try {
        this.stream = await navigator.mediaDevices.getUserMedia({ video: true });
        this.$refs.video.srcObject = this.stream;
      } catch (e) { this.error = "No camera available: " + e.message; }
    }
    if (this.mode === "canvas") this.clear(false);
  },
  unmounted() { if (this.stream) this.stream.getTracks().forEach((t) => t.stop()); },
  methods: {
    snap() {
      const video = this.$refs.video;
      if (!video || !video.videoWidth) { this.error = "The camera is not ready yet."; return; }
      const canvas = document.createElement("canvas");
      canvas.width = video.videoWidth; canvas.height = video.videoHeight;
      canvas.getContext("2d").drawImage(video, 0, 0);
      this.$emit("capture", canvas.toDataURL("image/png"));
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
    point(e) { const r = this.$refs.canvas.getBoundingClientRect(), c = this.$refs.canvas;
      return [(e.clientX - r.left) * c.width / r.width, (e.clientY - r.top) * c.height / r.height]; },
    down(e) { this.drawing = true; const ctx = this.$refs.canvas.getContext("2d"), [x, y] = this.point(e);
      ctx.lineWidth = 12; ctx.lineCap = "round"; ctx.strokeStyle = "#000"; ctx.beginPath(); ctx.moveTo(x, y); },
    move(e) { if (!this.drawing) return; const ctx = this.$refs.canvas.getContext("2d"), [x, y] = this.point(e);
      ctx.lineTo(x, y); ctx.stroke(); },
    up() { if (!this.drawing) return; this.drawing = false;
      this.$emit("capture", this.$refs.canvas.toDataURL("image/png")); },
    async toggle() {
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
