// check-readers.ijm — opens every file listed in the file given as the
// argument with ImageJ and prints, per page, what check-readers.py
// compares with its own reading: bit depth, calibration, the colour the
// window shows the first pixel of value 4 in (through the LUT and the
// display range, as a person sees it) and a position-weighted sum of the
// pixels.
list = split(File.openAsString(getArgument()), "\n");
setBatchMode(true);
for (i = 0; i < list.length; i++) {
  path = list[i];
  if (path == "")
    continue;
  open(path);
  getLut(r, g, b);
  getPixelSize(unit, pw, ph);
  w = getWidth();
  h = getHeight();
  for (s = 1; s <= nSlices; s++) {
    setSlice(s);
    sum = 0;
    x4 = -1;
    y4 = -1;
    for (y = 0; y < h; y++)
      for (x = 0; x < w; x++) {
        v = getPixel(x, y);
        sum = sum + v * ((x * 31 + y * 17) % 101 + 1);
        if (v == 4 && x4 < 0) {
          x4 = x;
          y4 = y;
        }
      }
    bits = bitDepth();
    shown = "none";
    if (nSlices == 1 && bits == 8 && x4 >= 0) {
      run("RGB Color");
      c = getPixel(x4, y4);
      shown = "" + ((c >> 16) & 255) + "," + ((c >> 8) & 255) + "," + (c & 255);
    }
    print("IJ\t" + path + "\t" + s + "\t" + bits + "\t" + w + "\t" + h + "\t" +
          d2s(sum, 0) + "\t" + shown + "\t" + unit + "\t" + d2s(pw, 6));
  }
  close();
}
print("IJ-DONE " + getVersion());
