// check-readers.ijm — opens every file listed in the file given as the
// argument with ImageJ and prints, per page, what check-readers.py
// compares with its own reading: bit depth, calibration, the LUT entry of
// class 4 and a position-weighted sum of the pixels.
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
    for (y = 0; y < h; y++)
      for (x = 0; x < w; x++)
        sum = sum + getPixel(x, y) * ((x * 31 + y * 17) % 101 + 1);
    print("IJ\t" + path + "\t" + s + "\t" + bitDepth() + "\t" + w + "\t" + h + "\t" +
          d2s(sum, 0) + "\t" + r[4] + "," + g[4] + "," + b[4] + "\t" + unit + "\t" + d2s(pw, 6));
  }
  close();
}
print("IJ-DONE " + getVersion());
