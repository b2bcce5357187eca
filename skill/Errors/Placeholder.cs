namespace XaiGrok.Onboarding;
