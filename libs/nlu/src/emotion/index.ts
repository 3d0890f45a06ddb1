export { createEmotionDetector, detectEmotion, type EmotionDetector, type EmotionResult } from './emotion';
export { EMOTION_LEXICON, type EmotionCue } from './lexicon';
