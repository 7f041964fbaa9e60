import { useEffect, useMemo, useState } from 'react';

/** A text's width in pixels at some font. */
export type Measure = (text: string) => number;

/**
 * Measures text as a chart draws it, on a canvas in the given CSS font (`12px Sarabun, sans-serif`). A new function
 * once the web fonts have loaded: before, the fallback font's widths would lay labels out where Sarabun needs less room.
 */
export function useTextMeasure(font: string, fallback: Measure): Measure {
  const [fontsLoaded, setFontsLoaded] = useState(() => document.fonts.status === 'loaded');
  useEffect(() => {
    let live = true;
    void document.fonts.ready.then(() => {
      if (live) setFontsLoaded(true);
    });
    return () => {
      live = false;
    };
  }, []);
  return useMemo(() => {
    const context = document.createElement('canvas').getContext('2d');
    if (!context) return fallback;
    context.font = font;
    // Read so that the function is made again when the fonts arrive.
    void fontsLoaded;
    return (text) => context.measureText(text).width;
  }, [font, fallback, fontsLoaded]);
}
